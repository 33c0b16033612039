import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def model = new File(basedir, 'src/main/model/sine.tflite')
def compiled = new File(basedir, 'target/microtvm/project.compiled')
def calls = new File(basedir, 'target/fake-tvmc-calls.jsonl').readLines().collect { new JsonSlurper().parseText(it) }

// tvmc ran in invocations 1 and 3 only; invocation 2 was up to date without starting TVM
assert calls.size() == 2 : calls
assert log.count('is up to date with sine.tflite and its compile settings; not compiling (TVM not started)') == 1
// ... and that is all the compile goal said in invocation 2
def compileOutputs = log.split(/--- microtvm:[^ ]+:compile \(default\) @ compile-host ---\n/).drop(1)
        .collect { it.substring(0, it.indexOf('[INFO] \n')).readLines() }
assert compileOutputs.size() == 3
assert compileOutputs[1].size() == 1 : compileOutputs[1]

// invocation 1: the host platform's standalone settings, as TVM v0.18.0's tvmc reads them
def standalone = calls[0].argv
assert standalone[0] == 'compile'
assert standalone.containsAll(['--target=c', '--executor=aot', '--executor-aot-interface-api=c',
        '--executor-aot-unpacked-api=1', '--runtime=crt', '--pass-config', 'tir.disable_vectorize=1',
        'tir.usmp.enable=1', '--model-format=tflite', '--output-format=mlf'])
assert standalone.last() == model.canonicalPath
assert standalone.find { it.startsWith('--output=') }.startsWith('--output=' + compiled.canonicalPath + '/.model.tar.')
assert !standalone.any { it.startsWith('--runtime-crt-system-lib') }
// what tvmc builds from them (the fake parses as TVM 0.18's tvmc declares the options): fixtures/mlf/PROVENANCE.md's standalone settings
assert calls[0].executor == [name: 'aot', options: ['interface-api': 'c', 'unpacked-api': true]]
assert calls[0].runtime == [name: 'crt', options: [:]]

// invocation 3: host-driven: AOT with the packed API, a system-lib CRT; unpacked-api left at TVM's default (false)
def hostDriven = calls[1].argv
assert hostDriven.containsAll(['--target=c', '--executor=aot', '--executor-aot-interface-api=packed',
        '--runtime=crt', '--runtime-crt-system-lib=1'])
assert !hostDriven.any { it.startsWith('--executor-aot-unpacked-api') }
assert calls[1].executor == [name: 'aot', options: ['interface-api': 'packed']]
assert calls[1].runtime == [name: 'crt', options: ['system-lib': true]]
assert log.contains('Compiling sine.tflite (the compile settings changed)') || log.contains('Compiling sine.tflite (force)')

// the compile record and the project made from the compiled MLF
def record = new JsonSlurper().parse(new File(compiled, 'microtvm-compile.json'))
assert record.model == model.canonicalPath
assert record.tvmVersion == '0.18.0'
assert record.settings.flags['executor-aot-interface-api'] == 'packed'
def project = new JsonSlurper().parse(new File(basedir, 'target/microtvm/project/microtvm-project.json'))
assert project.modelLibraryFormat == new File(compiled, 'model.tar').canonicalPath
assert project.modelLibraryFormatDigest == record.mlfDigest

// every invocation ran the model and got TVM's reference output; the last one over microTVM RPC
assert log.count('output_0: all 1 elements match within atol=0.00001, rtol=0.00001') == 3
assert log.contains('runtime.RPCTimeEvaluator')   // host-driven: timed by the CRT's RPC evaluator
assert !new File(basedir, 'target/microtvm').list().any { it.startsWith('.') && it.contains('model.tar') }
return true
