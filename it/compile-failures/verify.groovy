def log = new File(basedir, 'build.log').getText('UTF-8')

// 1: no TVM: says so, names the interpreter parameter and PYTHONPATH, and that a precompiled MLF needs no TVM
assert log.contains("TVM cannot be imported by the Python interpreter 'python3' (python, property microtvm.python; PYTHONPATH '")
assert log.contains("ModuleNotFoundError: No module named 'tvm'")
assert log.contains('A precompiled MLF needs no TVM: set modelLibraryFormat (property microtvm.mlf) instead of model.')

// 2: tvmc failed: its exit status, the command, and its last output lines
assert log.contains('tvmc compile failed (exit status 4). Command: python3 -m tvm.driver.tvmc compile ')
assert log.contains('--output-format=mlf')
assert log.contains('Error: fake tvmc was told to fail (FAKE_TVMC_MODE=fail)')

// 3: typed compileOptions, every problem at once, checked before TVM starts
assert log.contains('2 invalid entries in compileOptions:')
assert log.contains("'exector': not a tvmc compile option the plugin knows; did you mean 'executor'?")
assert log.contains("'opt-level': given '5', expected an integer from 0 to 3")

// 4: create-project with a model but no compiled MLF
assert log.contains('model is set but no compiled model was found')
assert log.contains('Run mvn microtvm:compile first, or set modelLibraryFormat (property microtvm.mlf).')

// tvmc ran once (invocation 2); nothing half-made is left
def calls = new File(basedir, 'target/fake-tvmc-calls.jsonl')
assert calls.readLines().size() == 1
def microtvm = new File(basedir, 'target/microtvm')
assert !new File(microtvm, 'project.compiled/model.tar').exists()
assert !new File(microtvm, 'project').exists()
assert !new File(microtvm, 'project.compiled').exists() || new File(microtvm, 'project.compiled').list().every { !it.startsWith('.model.tar') }
return true
