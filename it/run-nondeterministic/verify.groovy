import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')

// the build fails naming the repeat parameter, the runs, the output and the digests
assert log.contains('The repetitions (repeat=4, property microtvm.repeat) did not all give the same outputs:')
assert log =~ /output_0 differs from run to run: the device's CRC-32 after run 3 is 0x[0-9a-f]{8}, after run 1 0x[0-9a-f]{8}; 2 of runs 2 to 4 differ from run 1 \(runs 3, 4\)/
assert !log.contains('do not match')   // the expected-output check passed
def xml = new XmlSlurper().parse(new File(reports, 'TEST-io.microtvm.it.run-nondeterministic.default.xml'))
assert xml.@failures.text() == '1' && xml.@errors.text() == '0'
def unstable = xml.testcase.find { it.@name == 'sine on host: output_0 the same in all 4 runs' }
assert unstable.failure.@type.text() == 'NondeterministicOutput'
assert xml.testcase.find { it.@name == 'sine on host: output_0 matches expected' }.failure.size() == 0
def json = new JsonSlurper().parse(new File(reports, 'microtvm-io.microtvm.it.run-nondeterministic.default.json'))
assert json.status == 'failed' && json.error == null
assert json.checks.size() == 1 && json.checks[0].passed
assert json.timing.runs == 4
def check = json.repeatChecks[0]
assert json.repeatChecks.size() == 1 && !check.passed && check.method == 'deviceDigest'
assert check.comparedRuns == [2, 3, 4] && check.differingRuns == [3, 4]
assert check.firstDigest != check.differingDigest
// the outputs of the last run are saved; the page lists the failed comparison
assert new File(basedir, 'target/microtvm/project-outputs.npz').isFile()
def page = new XmlSlurper(false, false, true).parse(new File(reports, 'index.html'))
assert page.'**'.find { it.name() == 'tbody' }.tr[0].td[3].text() == 'failed'
assert page.'**'.find { it.name() == 'li' && it.text().contains('differs from run to run') } != null
return true
