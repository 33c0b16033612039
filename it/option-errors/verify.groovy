def log = new File(basedir, 'build.log').getText('UTF-8')

// 1: wrong type: names the option, the value given, and what is expected
assert log =~ /option 'verbose'.*'yes'.*bool/
// 2: unknown name with a suggestion and the declared names
assert log =~ /'cflagz'.*unknown/ || log =~ /unknown.*'cflagz'/
assert log.contains("did you mean 'cflags'")
// 3: a value outside the choices, with the allowed values
assert log =~ /option 'project_type'.*'hosted'/
assert log.contains('standalone')
// 4: a required option missing, with its choices
assert log =~ /option 'board'.*required/
assert log.contains('mps2_an385')
// 5: all problems of one call in one message
assert log.contains('3 invalid options')
assert log =~ /option 'workspace_size_bytes'.*'1\.5'/

// options are checked before any call: no project was generated, nothing half-made is left
def microtvm = new File(basedir, 'target/microtvm')
assert !new File(microtvm, 'project').exists()
assert !microtvm.exists() || microtvm.list().every { it == '.templates' || it == '.project.microtvm-lock' }
return true
