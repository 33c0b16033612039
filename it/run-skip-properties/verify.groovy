import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
['skipTests=true', 'skipITs=true', 'maven.test.skip=true'].each { reason ->
    assert log.contains("Skipping microtvm:run (${reason})")
    assert log.contains("Skipping microtvm:verify (${reason})")
}
// nothing ran
assert !log.contains('Ran io.microtvm.it')
assert !new File(basedir, 'target/microtvm/project-outputs.npz').exists()
// the last build's report says it was skipped, and by what
def suite = 'io.microtvm.it.run-skip-properties.default'
def json = new JsonSlurper().parse(new File(basedir, "target/microtvm-reports/microtvm-${suite}.json"))
assert json.status == 'skipped' && json.skipReason == 'maven.test.skip=true'
def xml = new XmlSlurper().parse(new File(basedir, "target/microtvm-reports/TEST-${suite}.xml"))
assert xml.@skipped.text() == '1' && xml.@tests.text() == '1'
assert xml.testcase.skipped.@message.text() == 'skipped (maven.test.skip=true)'
return true
