import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def suite = { id -> "io.microtvm.it.run-every-path.${id}" }
def json = { id -> new JsonSlurper().parse(new File(reports, "microtvm-${suite(id)}.json")) }
def xml = { id -> new XmlSlurper().parse(new File(reports, "TEST-${suite(id)}.xml")) }

// build 1 passed both (its verify counted them); its reports were replaced by build 2's
assert log.contains('microTVM runs: 2, Passed: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /maxDeviceTime: median device time [0-9.,]+ [^ ]?s over 2 run\(s\) is within the limit 10.0 s/

// build 2: the gate failed with the measured median and the limit, and run only warned (testFailureIgnore)
def gated = json('gated')
assert gated.status == 'failed' && gated.passed == false
assert gated.gates.size() == 1 && gated.gates[0].name == 'maxDeviceTime' && !gated.gates[0].passed
assert gated.gates[0].limit == 1.0e-9 && gated.gates[0].measured > 1.0e-9 && gated.gates[0].unit == 'seconds'
assert log =~ /\[WARNING\] Run io.microtvm.it:run-every-path@gated \(sine on host\) failed:/
assert log =~ /maxDeviceTime: median device time [0-9.,]+ [^ ]?s over 2 run\(s\) exceeds the limit 1.00 ns/
def gatedXml = xml('gated')
assert gatedXml.@failures.text() == '1' && gatedXml.@errors.text() == '0'
assert gatedXml.testcase.find { it.@name == 'sine on host: maxDeviceTime' }.failure.@type.text() == 'GateExceeded'

// build 2: the inputs named no input of the model: an error report with the exception's type and message
def checked = json('checked')
assert checked.status == 'error' && checked.passed == false
assert checked.error.type == 'io.microtvm.MicroTvmException'
assert checked.error.message.contains('input')
assert checked.error.message.endsWith('Set inputs (property microtvm.inputs).')
assert checked.timing == null
assert checked.platform == 'host' && checked.model.sha256 ==~ /[0-9a-f]{64}/
def checkedXml = xml('checked')
assert checkedXml.@errors.text() == '1' && checkedXml.@failures.text() == '0'
assert checkedXml.testcase.find { it.@name == 'sine on host' }.error.@type.text() == 'io.microtvm.MicroTvmException'
// build 1's passing reports did not survive: both now say how build 2 ended (above), and nothing else is there
assert reports.list().findAll { it.endsWith('.json') || it.endsWith('.xml') }.sort() ==
        ["TEST-${suite('checked')}.xml", "TEST-${suite('gated')}.xml", "microtvm-${suite('checked')}.json",
         "microtvm-${suite('gated')}.json"].collect { it.toString() }.sort()

// verify named both, after both had run
assert log.contains('microTVM runs: 2, Passed: 0, Failures: 1, Errors: 1, Skipped: 0. These runs did not pass:')
assert log.contains('io.microtvm.it:run-every-path@gated: FAILED')
assert log.contains('io.microtvm.it:run-every-path@checked: ERROR')
assert log.indexOf('@checked (sine on host) could not complete') < log.lastIndexOf('These runs did not pass')
return true
