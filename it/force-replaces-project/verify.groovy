import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def project = new File(basedir, 'gen')

assert log.count('Created project ' + project.canonicalPath) == 2
assert log.contains('The project dir ' + project.canonicalPath + ' already exists: it was made with the'
        + ' generate_project option workspace_size_bytes=4096, not 8192')
assert log.contains('outside the build output')
assert !log.contains('Regenerating')
def record = new JsonSlurper().parse(new File(project, 'microtvm-project.json'))
assert record.options.workspace_size_bytes == '8192'
assert new File(project, 'model.tar').isFile()
assert !basedir.list().any { it.startsWith('.microtvm-staging') }
return true
