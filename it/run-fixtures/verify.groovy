import groovy.xml.XmlSlurper
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def expectedOutputs = [sine: 1, mlp_int8: 1, two_io: 2, conv_small: 1]

expectedOutputs.each { name, count ->
    def xml = new XmlSlurper().parse(new File(reports, "TEST-io.microtvm.it.run-fixtures.${name}.xml"))
    assert xml.@failures.text() == '0'
    assert xml.@errors.text() == '0'
    assert xml.@tests.text() == "${3 + count}".toString()   // 3 runs + one check per output
    def json = new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.run-fixtures.${name}.json"))
    assert json.passed == true
    assert json.checks.size() == count
    assert json.checks.every { it.passed }
    assert json.timing.runs == 3
    assert json.timing.deviceSeconds.median > 0
    assert new File(basedir, "target/microtvm/${name}-outputs.npz").isFile()
}
// integer outputs are compared exactly
assert log.contains('output_0: all 4 elements match exactly')                 // mlp_int8, int8[1, 4]
assert log.contains('output_1: all 4 elements match exactly')                 // two_io y_int, int32[1, 4]
assert !log.contains('[ERROR]')
return true
