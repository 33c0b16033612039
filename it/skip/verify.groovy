def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Skipping microtvm:compile (microtvm.skip=true)')
assert log.contains('Skipping microtvm:create-project (microtvm.skip=true)')
assert log.contains('Skipping microtvm:build (microtvm.skip=true)')
assert log.contains('Skipping microtvm:flash (microtvm.skip=true)')
assert !new File(basedir, 'target/microtvm').exists()
return true
