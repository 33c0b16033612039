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
        // standalone 1.1 on the board: the runs compared by the firmware's digest of its outputs
        assert json.repeatChecks.size() == 1 && json.repeatChecks[0].method == 'deviceDigest' : name
        assert json.repeatChecks[0].passed && json.repeatChecks[0].comparedRuns == [2] : name
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
// under icount the log counts instructions, and the footprint reads against the board's capacity
assert log =~ /Ran \S+@sine-an386 .* median [0-9.,]+ (k |M )?instructions \(min /
assert log =~ /Footprint: flash [0-9.]+ KiB of 4 MiB \([0-9.<]+ %\), RAM [0-9.]+ KiB of 4 MiB \([0-9.<]+ %\) on mps2-an386; text /
// the reports page charts the footprint of every run against its capacity; the CSV has the sizes
def page = new groovy.xml.XmlSlurper(false, false, true).parse(new File(reports, 'index.html'))
assert page.'**'.find { it.name() == 'tbody' }.tr.size() == 10
assert page.'**'.find { it.name() == 'img' && it.@src.text() == 'index-files/footprint.png' } != null
assert javax.imageio.ImageIO.read(new File(reports, 'index-files/footprint.png')) != null
def csv = new File(reports, 'microtvm-runs.csv').getText('UTF-8').split('\r\n')
def header = csv[0].split(',') as List
assert csv.length == 11
csv[1..10].each { line ->
    def cells = line.split(',', -1) as List
    assert cells[header.indexOf('device_counts')] == 'instructions' : line
    assert (cells[header.indexOf('flash_bytes')] as long) > 0 : line
    assert (cells[header.indexOf('ram_capacity_bytes')] as long) > 0 : line
}
// no QEMU is left behind
def ps = ['ps', '-eo', 'pid,args'].execute().text
assert !ps.readLines().any { it.contains('qemu-system-arm') && it.contains(basedir.name) } : ps
return true
