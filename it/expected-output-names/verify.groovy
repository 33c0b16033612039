def log = new File(basedir, 'build.log').getText('UTF-8')
def expected = new File(basedir, 'y-int-only.npz').canonicalPath
def unknown = new File(basedir, 'unknown-name.npz').canonicalPath

// build 1: y_int is output_1, checked; output_0 is not in the file: a warning names it
assert log.contains('output_1: all 4 elements match')
assert log.contains('[WARNING] expectedOutputs ' + expected + " has no array for output_0 ('y_float'): not checked")
assert log.count('BUILD SUCCESS') == 1
// build 2: refused before the run, listing what the model has
assert log.contains('expectedOutputs ' + unknown + " has an array named 'StatefulPartitionedCall:0', which the model"
        + " has no output for. The model's outputs: output_0 ('y_float'), output_1 ('y_int').")
return true
