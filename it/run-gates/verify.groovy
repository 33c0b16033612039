import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def json = { id -> new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.run-gates.${id}.json")) }

// 'within' passed both gates, in every build, and says so with its numbers
def within = json('within')
assert within.status == 'passed'
assert within.gates.collect { it.name } == ['maxDeviceTime', 'regression.deviceTime', 'regression.flash', 'regression.ram']
assert within.gates.every { it.passed }
assert within.gates[0].limit == 10.0 && within.gates[0].measured < 10.0 && within.gates[0].unit == 'seconds'
assert within.gates[1].baseline == 1.0 && within.gates[1].limit == 1.1
// the host template writes no footprint: not compared, and said so
assert within.gates[2].message == 'regression.flash: not compared, neither the baseline nor this run has flash footprint'
assert log.count('maxDeviceTime: median device time') == 3
def xml = new XmlSlurper().parse(new File(reports, 'TEST-io.microtvm.it.run-gates.within.xml'))
assert xml.testcase.collect { it.@name.text() }.containsAll(['sine on host: maxDeviceTime', 'sine on host: regression.deviceTime'])
assert xml.@failures.text() == '0'

// build 1: 'regressed' failed the build with the baseline's number, its own and the change
assert log =~ /Run io.microtvm.it:run-gates@regressed \(sine on host\) failed:\n\[ERROR\]   regression.deviceTime: median device time [0-9.,]+ [^ ]?s against 0.00100 ns in the baseline \(\+[0-9.]+ %, limit \+25 %, property microtvm.maxRegressionPercent\): grew too much/

// build 2: -Dmaven.test.failure.ignore=true, as a CI whose JUnit publisher marks the build unstable: run only warns
assert log.contains('(maven.test.failure.ignore=true: the build goes on)')
assert log =~ /\[WARNING\] Run io.microtvm.it:run-gates@regressed \(sine on host\) failed:/

// build 3: a limit in instructions for a timer counting seconds is a configuration error, reported as one
def regressed = json('regressed')
assert regressed.status == 'error'
assert regressed.error.message.contains("The device time limit is '20000000instructions', in instructions, but the device timer (clock_gettime(CLOCK_MONOTONIC)) counts seconds")
assert regressed.error.message.endsWith("Set maxDeviceTime (property microtvm.maxDeviceTime).")
assert regressed.timing.runs == 3   // what it measured before the gate is still reported
assert log.contains('is \'20000000instructions\', in instructions, but the device timer')
return true
