import groovy.xml.XmlSlurper
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def outputCounts = [sine: 1, mlp_int8: 1, two_io: 2, conv_small: 1]

outputCounts.each { model, count ->
    ['aot_hd', 'graph'].each { variant ->
        def name = "${model}_${variant}"
        def xml = new XmlSlurper().parse(new File(reports, "TEST-io.microtvm.it.run-host-driven.${name}.xml"))
        assert xml.@failures.text() == '0'
        assert xml.@errors.text() == '0'
        assert xml.@tests.text() == "${2 + 2 * count}".toString()   // 2 runs + per output its check and its runs compared
        def json = new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.run-host-driven.${name}.json"))
        assert json.passed == true
        assert json.checks.size() == count
        assert json.checks.every { it.passed }
        assert json.timing.runs == 2
        // no digest from TVM's CRT: each output is read after the first and the last run and compared on the host
        assert json.repeatChecks.size() == count
        assert json.repeatChecks.every { it.method == 'hostComparison' && it.passed && it.comparedRuns == [2] }
        assert json.timing.deviceTimer.contains('RPCTimeEvaluator')
        assert json.timing.deviceSeconds.median >= 0
        assert new File(basedir, "target/microtvm/${name}-outputs.npz").isFile()
        // the firmware is TVM's CRT RPC server, built by the host template's host_driven Makefile
        assert new File(basedir, "target/microtvm/${name}/build/main").canExecute()
        assert new File(basedir, "target/microtvm/${name}/src/rpc_main.c").isFile()
    }
}
// the AOT executor's metadata dump arrives as device log messages
assert log.contains('[device] DumpMetadata:')
assert log.contains('output_0: all 4 elements match exactly')   // mlp_int8, int8[1, 4]
// print-top on a host-driven run
assert log.contains('Top 3 of output_0:')
// fill modes: the zeros run names what it filled, and saved its outputs
assert log.contains('Filled input with zeros')
assert new File(basedir, 'target/zeros/sine-outputs.npz').isFile()
assert new JsonSlurper().parse(new File(basedir, 'target/zeros/microtvm-io.microtvm.it.run-host-driven.sine_aot_hd_zeros.json')).timing.runs == 1
assert !log.contains('[ERROR]')
return true
