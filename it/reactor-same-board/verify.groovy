import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def suites = []
['kws-a', 'kws-b'].each { module ->
    def suite = "io.microtvm.it.${module}.on-device"
    def reports = new File(basedir, "${module}/target/microtvm-reports")
    def xml = new XmlSlurper().parse(new File(reports, "TEST-${suite}.xml"))
    assert xml.@name.text() == suite
    assert xml.testcase.every { it.@classname.text() == suite }
    assert xml.testcase.collect { it.@name.text() } == ['sine on host: run 1', 'sine on host: output_0 matches expected']
    assert xml.properties.property.find { it.@name == 'microtvm.module' }.@value.text() == "io.microtvm.it:${module}"
    def json = new JsonSlurper().parse(new File(reports, "microtvm-${suite}.json"))
    assert json.suite == suite && json.module == "io.microtvm.it:${module}" && json.execution == 'on-device'
    assert json.status == 'passed'
    assert log.contains("Ran io.microtvm.it:${module}@on-device (sine on host): ")
    suites << xml.@name.text()
}
assert suites.unique().size() == 2
return true
