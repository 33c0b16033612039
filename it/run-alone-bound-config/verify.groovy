import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')

// build 3 took the bound execution's configuration: the expected outputs were checked (once per build),
// the inputs were the reference input (nothing filled), and -Dmicrotvm.printTop won over the POM's 2
assert log.contains("microtvm:run on its own uses the configuration of execution 'on-device' (inputs, expectedOutputs); parameters given with -D win.")
assert log.count('output_0: all 1 elements match within atol=0.00001, rtol=0.00001') == 2
assert log.contains('Top 2 of output_0:') && log.contains('Top 3 of output_0:')
assert !log.contains('Filled input')
def cli = new JsonSlurper().parse(new File(reports, 'microtvm-io.microtvm.it.run-alone-bound-config.default-cli.json'))
assert cli.status == 'passed' && cli.execution == 'default-cli'
assert cli.checks.size() == 1 && cli.checks[0].passed
assert cli.seed == null   // the inputs covered every input
// the lifecycle's report is its own, not overwritten
def bound = new JsonSlurper().parse(new File(reports, 'microtvm-io.microtvm.it.run-alone-bound-config.on-device.json'))
assert bound.execution == 'on-device' && bound.status == 'passed'

// build 2: two bound run executions, no guess
assert log.contains('mvn microtvm:run on its own cannot tell which configuration to use: io.microtvm.it:run-alone-bound-config binds run in 2 executions. Run one of them: microtvm:run@on-device, microtvm:run@second.')
return true
