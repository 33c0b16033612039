def existing = new File(basedir, 'existing')

assert !new File(existing, 'notes.txt').exists()
assert new File(existing, 'microtvm-project.json').isFile()
assert new File(existing, 'model.tar').isFile()
assert new File(existing, 'microtvm_api_server.py').isFile()
assert !basedir.list().any { it.startsWith('.microtvm-staging') }
return true
