import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def calls = new File(basedir, 'target/fake-tvmc-calls.jsonl').readLines().collect { new JsonSlurper().parseText(it) }

assert calls.size() == 1
def argv = calls[0].argv
// the board's core, so TVM's Cortex-M schedules apply; standalone firmware: AOT, C interface, unpacked API, crt
assert argv.containsAll(['--target=c -mcpu=cortex-m3', '--executor=aot', '--executor-aot-interface-api=c',
        '--executor-aot-unpacked-api=1', '--runtime=crt', 'tir.disable_vectorize=1', 'tir.usmp.enable=1'])
assert log.contains('the settings for platform qemu-arm, board mps2-an385, project_type standalone: target \'c -mcpu=cortex-m3\'')

// the execution's compile dir fed its project
def project = new JsonSlurper().parse(new File(basedir, 'target/microtvm/an385/microtvm-project.json'))
assert project.modelLibraryFormat == new File(basedir, 'target/microtvm/an385.compiled/model.tar').canonicalPath

assert log.contains('output_0: all 1 elements match within atol=0.00001, rtol=0.00001')
assert !log.contains('[ERROR]')
return true
