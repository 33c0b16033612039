import groovy.xml.XmlSlurper
import groovy.json.JsonSlurper
import java.security.MessageDigest

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

// the run on the device gives TVM's reference output for the reference input, in both lifecycles
assert log.count('output_0: all 1 elements match within atol=0.00001, rtol=0.00001') == 2
def report = new XmlSlurper().parse(new File(basedir, 'target/microtvm-reports/TEST-io.microtvm.it.host-lifecycle.flash-before-tests.xml'))
assert report.@failures.text() == '0'
assert report.testcase.size() == 2   // one run, one output check

// nothing half-made is left beside the project
def leftovers = new File(basedir, 'target/microtvm').list().findAll { it.startsWith('.microtvm-staging') }
assert leftovers.isEmpty()
return true
