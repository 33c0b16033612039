import groovy.json.JsonSlurper
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.security.MessageDigest
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').getText('UTF-8')
def project = new File(basedir, 'target/microtvm/project')

// lifecycle 1 creates, lifecycle 2 keeps the up-to-date project
assert log.count('Created project ' + project.canonicalPath) == 1
assert log.count('is up to date with sine.tar') == 1
// the template's own compile lines appear in the first build only (verbose=true shows them): incremental
assert log.count('default_lib1.c') == 1 : 'the second build recompiled the model'
// flash ran in both lifecycles and once more from the command line
assert log.count('Flash done') == 3
assert !log.contains('[ERROR]')

// the project record says what the project was made from
def record = new JsonSlurper().parse(new File(project, 'microtvm-project.json'))
def mlf = new File(repoRoot, 'example/model/sine.tar')
assert record.platform == 'host'
assert record.modelLibraryFormat == mlf.canonicalPath
assert record.modelLibraryFormatDigest == MessageDigest.getInstance('SHA-256').digest(mlf.bytes).encodeHex().toString()
assert record.options == [verbose: 'true', cflags: '-O2 -DIT_MARKER=1']
assert record.resolvedOptions.verbose == true          // typed: a JSON boolean, not "true"
assert record.resolvedOptions.workspace_size_bytes == null
assert record.templateDigest ==~ /[0-9a-f]{64}/

// the built executable computes TVM's reference output for the reference input
def npy = { File npz, String key ->
    def zip = new ZipFile(npz)
    def bytes = zip.getInputStream(zip.getEntry(key + '.npy')).bytes
    zip.close()
    int headerLen = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8)
    return Arrays.copyOfRange(bytes, 10 + headerLen, bytes.length)
}
def input = npy(new File(repoRoot, 'example/model/sine.inputs.npz'), 'input')
def expected = ByteBuffer.wrap(npy(new File(repoRoot, 'example/model/sine.outputs.npz'), 'output_0')).order(ByteOrder.LITTLE_ENDIAN).getFloat()
def proc = new ProcessBuilder(new File(project, 'build/main').path).start()
proc.outputStream.withStream { it.write(input) }
def out = proc.inputStream.bytes
assert proc.waitFor() == 0
def actual = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getFloat()
assert Math.abs(actual - expected) < 1e-5 : "build/main gave ${actual}, TVM gave ${expected}"

// nothing half-made is left beside the project
def leftovers = new File(basedir, 'target/microtvm').list().findAll { it.startsWith('.microtvm-staging') }
assert leftovers.isEmpty()
return true
