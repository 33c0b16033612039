import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def project = new File(basedir, 'target/microtvm/project')

assert !log.contains('[ERROR]')
assert !log.contains('BUILD FAILURE')
assert log.count('BUILD SUCCESS') == 2
// the first build creates and builds; the second keeps both as they are
assert log.count('Created project ' + project.canonicalPath) == 1
assert log.count('Project ' + project.canonicalPath + ' is up to date with sine.tar') == 1
assert log.count('Build done') == 1
assert log.count('Build of ' + project.canonicalPath + ' is up to date') == 1
assert !log.contains('already exists and was made with')

// the record holds the options as the typed values that were sent
def record = new JsonSlurper().parse(new File(project, 'microtvm-project.json'))
assert record.resolvedOptions.workspace_size_bytes == 4096
assert record.resolvedOptions.verbose == true
assert record.resolvedOptions.cflags == '-O1'
return true
