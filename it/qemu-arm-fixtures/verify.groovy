import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def outputCounts = [sine: 1, mlp_int8: 1, two_io: 2, conv_small: 1]

['an385', 'an386'].each { board ->
    outputCounts.each { model, count ->
        def name = "${model}-${board}"
        def json = new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.qemu-arm-fixtures.${name}.json"))
        assert json.passed == true : name
        assert json.checks.size() == count : name
        assert json.checks.every { it.passed } : name
        assert json.timing.runs == 2 : name
        // -icount shift=0: device time counts emulated instructions; the two runs agree to one SysTick tick
        // (25 MHz = 40 instructions), which is where the counter's phase at the start of the run can differ
        assert json.timing.deviceSeconds.max - json.timing.deviceSeconds.min <= 1.0 / 25e6 + 1e-12 : name
        assert json.timing.deviceSeconds.min > 0 : name
        assert json.timing.deviceTimer.contains('emulated instructions') : name
        def footprint = new JsonSlurper().parse(new File(basedir, "target/microtvm/${name}/build/footprint.json"))
        assert footprint.board == "mps2-${board}"
        assert footprint.text_bytes > 0 && footprint.flash_bytes <= footprint.flash_capacity_bytes
        assert json.footprint.flash_bytes == footprint.flash_bytes   // the footprint is in the run summary
        assert new File(basedir, "target/microtvm/${name}/build/firmware.bin").isFile()
    }
}
// conv_small on the two other boards; the M55 clock is 32 MHz, so one SysTick tick is 31.25 instructions
[an500: 'mps2-an500', an547: 'mps3-an547'].each { board, machine ->
    def json = new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.qemu-arm-fixtures.conv_small-${board}.json"))
    assert json.passed == true && json.checks.every { it.passed } : board
    assert json.footprint.board == machine
    assert json.footprint.ram_bytes <= json.footprint.ram_capacity_bytes
}
assert new JsonSlurper().parse(new File(reports, 'microtvm-io.microtvm.it.qemu-arm-fixtures.conv_small-an547.json')).timing.deviceTimer.contains('31.25 per tick')
// the M3 build is soft-float, the M4F build hard-float
assert new File(basedir, 'target/microtvm/sine-an385/project.mk').text.contains('-mfloat-abi=soft')
assert new File(basedir, 'target/microtvm/sine-an386/project.mk').text.contains('-mfloat-abi=hard')
assert log.contains('output_0: all 4 elements match exactly')   // mlp_int8, int8[1, 4]
assert !log.contains('[ERROR]')
// no QEMU is left behind
def ps = ['ps', '-eo', 'pid,args'].execute().text
assert !ps.readLines().any { it.contains('qemu-system-arm') && it.contains(basedir.name) } : ps
return true
