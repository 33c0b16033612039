import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def root = new File(basedir, 'target/microtvm')

def o0 = new JsonSlurper().parse(new File(root, 'o0/microtvm-project.json'))
def o2 = new JsonSlurper().parse(new File(root, 'o2/microtvm-project.json'))
assert o0.options.cflags == '-O0'
assert o2.options.cflags == '-O2'
assert new File(root, 'o0/build/main').canExecute()
assert new File(root, 'o2/build/main').canExecute()

assert log.contains('Several projects found under ' + root.canonicalPath + ': o0, o2')
assert log.contains('mvn microtvm:flash@<execution-id>')
assert log.contains('Set projectDir (property microtvm.projectDir).')
assert log.count('Flash done') == 1
return true
