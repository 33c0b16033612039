import groovy.json.JsonSlurper
import java.security.MessageDigest

def log = new File(basedir, 'build.log').getText('UTF-8')
def project = new File(basedir, 'target/microtvm/project')
def installed = new File(localRepositoryPath, 'com/example/models/sine/1.0')
def tar = new File(installed, 'sine-1.0.tar')

// builds 4 and 5 ran the model from the repository and checked it against the expected outputs
assert log.count('Resolved modelArtifact com.example.models:sine:1.0 (tar) to ' + tar.canonicalPath) == 2
assert log.count('Resolved inputsArtifact com.example.models:sine:1.0:inputs (npz)') == 2
assert log.count('Resolved expectedOutputsArtifact com.example.models:sine:1.0:outputs (npz)') == 2
assert log.count('Created project ' + project.canonicalPath) == 1
assert log.count('Project ' + project.canonicalPath + ' is up to date with sine-1.0.tar') == 1   // offline, kept
assert log.count('output_0: all 1 elements match') == 2

def record = new JsonSlurper().parse(new File(project, 'microtvm-project.json'))
assert record.modelArtifact == 'com.example.models:sine:1.0'
assert record.modelLibraryFormat == tar.canonicalPath
assert record.modelLibraryFormatDigest == MessageDigest.getInstance('SHA-256').digest(tar.bytes).encodeHex().toString()

// build 6: unknown coordinates, offline
assert log.contains('Cannot resolve modelArtifact (property microtvm.modelArtifact) com.example.models:sine:9.9 (tar)')
assert log.contains('(the build is offline: install or download it first)')
return true
