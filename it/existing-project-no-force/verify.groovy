def log = new File(basedir, 'build.log').getText('UTF-8')
def existing = new File(basedir, 'existing')

assert log.contains('The project dir ' + existing.canonicalPath + ' already exists')
assert log.contains('was not made by create-project')
assert log.contains('microtvm.force')
assert log.contains('Refusing to replace ' + existing.canonicalPath + ' even with force')
// untouched: the same single file with the same content, and no staging dir beside it
assert existing.list() as List == ['notes.txt']
assert new File(existing, 'notes.txt').text == 'my notes: do not lose me\n'
assert !basedir.list().any { it.startsWith('.microtvm-staging') }
return true
