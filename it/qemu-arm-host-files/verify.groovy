import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def report = { id -> new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.qemu-arm-host-files.${id}.json")) }

// the files execution says once which tensors went through files; the uart execution sends none that way;
// wide_io's 64 KiB tensors go through files at the default threshold
def through = log.readLines().findAll { it.contains("Through files on the device's host") }
assert through.size() == 2 : through
assert through[0].contains('(microtvm.hostFileThreshold 0 bytes): input 0 ') && through[0].contains('output 0 ')
assert through[1].contains("(microtvm.hostFileThreshold 16384 bytes): input 0 'input' float32[1, 128, 128] (65536 bytes), output 0 ")
def wide = report('wide-device')
assert wide.passed == true && wide.checks.size() == 1 && wide.checks.every { it.passed }
assert log.indexOf("Through files on the device's host") < log.indexOf('(uart) @ qemu-arm-host-files')

def files = report('files')
def uart = report('uart')
[files, uart].each { json ->
    assert json.passed == true
    assert json.checks.size() == 1 && json.checks.every { it.passed }
    assert json.timing.runs == 2
}
// the model runs the same either way: -icount instruction counts equal to one SysTick tick (40 instructions)
assert Math.abs(files.timing.deviceSeconds.median - uart.timing.deviceSeconds.median) <= 1.0 / 25e6 + 1e-12

// the same output bytes (each .npy in the .npz)
def arrays = { name ->
    def zip = new ZipFile(new File(basedir, "target/${name}-outputs.npz"))
    try {
        zip.entries().toList().collectEntries { [(it.name): zip.getInputStream(it).bytes] }
    } finally {
        zip.close()
    }
}
def a = arrays('files')
def b = arrays('uart')
assert a.keySet() == b.keySet() && !a.isEmpty()
a.each { name, bytes -> assert Arrays.equals(bytes, b[name]) : name }

assert !log.contains('[ERROR]')
return true
