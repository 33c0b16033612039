import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def project = new File(basedir, 'target/microtvm/project')

assert log.count('Created project ' + project.canonicalPath) == 2
assert log.contains('already exists and was made with the generate_project options')
assert log.contains('cflags="-O1"') && log.contains('cflags="-O3"')
def record = new JsonSlurper().parse(new File(project, 'microtvm-project.json'))
assert record.options.cflags == '-O3'
assert new File(project, 'model.tar').isFile()
assert !new File(basedir, 'target/microtvm').list().any { it.startsWith('.microtvm-staging') }
return true
