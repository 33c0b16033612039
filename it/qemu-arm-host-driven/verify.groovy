import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def outputCounts = ['sine_aot_hd-an385': 1, 'mlp_int8_aot_hd-an385': 1, 'two_io_aot_hd-an385': 2,
                    'conv_small_aot_hd-an385': 1, 'mlp_int8_aot_hd-an386': 1, 'conv_small_graph-an386': 1]

outputCounts.each { name, count ->
    def json = new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.qemu-arm-host-driven.${name}.json"))
    assert json.passed == true : name
    assert json.checks.size() == count : name
    assert json.checks.every { it.passed } : name
    assert json.timing.runs == 2 : name
    assert json.repeatChecks.size() == count && json.repeatChecks.every { it.method == 'hostComparison' && it.passed } : name
    assert json.timing.deviceSeconds.min > 0 : name
    // the firmware says what its ticks count: under -icount (the default) emulated instructions
    assert json.timing.deviceTimer.contains('RPCTimeEvaluator') && json.timing.deviceTimer.contains('emulated instructions') : name
    if (name.contains('_aot_hd')) {
        // an AOT run is the same instructions every time: both runs agree to one SysTick tick (25 MHz = 40 instructions).
        // (The graph executor's two runs were measured a few ticks apart, so it is not held to this.)
        assert json.timing.deviceSeconds.max - json.timing.deviceSeconds.min <= 1.0 / 25e6 + 1e-12 : name
    }
    def board = name.substring(name.lastIndexOf('-') + 1)
    def footprint = new JsonSlurper().parse(new File(basedir, "target/microtvm/${name}/build/footprint.json"))
    assert footprint.board == "mps2-${board}" : name
    assert footprint.ram_bytes <= footprint.ram_capacity_bytes : name
    assert json.footprint.flash_bytes == footprint.flash_bytes : name   // the footprint is in the run summary
    // the firmware is the CRT RPC server, not the standalone protocol
    def mk = new File(basedir, "target/microtvm/${name}/project.mk").text
    assert mk.contains('microtvm_rpc_server') : name
}
// the M3 build is soft-float, the M4F build hard-float
assert new File(basedir, 'target/microtvm/sine_aot_hd-an385/project.mk').text.contains('-mfloat-abi=soft')
assert new File(basedir, 'target/microtvm/conv_small_graph-an386/project.mk').text.contains('-mfloat-abi=hard')
// the graph project was built from the CRT copied out of standaloneCrtDir
assert new File(basedir, 'target/microtvm/conv_small_graph-an386/crt/src/runtime/crt/microtvm_rpc_server').isDirectory()
// the CRT's AOT executor logs its metadata over the session while it is created
assert log.contains('[device] DumpMetadata')
assert log.contains('output_0: all 4 elements match exactly')   // mlp_int8, int8[1, 4]
assert !log.contains('[ERROR]')
// no QEMU is left behind
def ps = ['ps', '-eo', 'pid,args'].execute().text
assert !ps.readLines().any { it.contains('qemu-system-arm') && it.contains(basedir.name) } : ps
return true
