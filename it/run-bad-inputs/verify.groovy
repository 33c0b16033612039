def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains("'a' is not an input of the model")
assert log.contains("'b' is not an input of the model")
assert log.contains('Model inputs: input float32[1, 1]')
assert log.contains("'input' has shape [2, 2], the model expects [1, 1]")
// refused before a run: no outputs were written
assert !new File(basedir, 'target/microtvm/project-outputs.npz').exists()
return true
