import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def json = { id -> new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.run-gates-qemu-arm.${id}.json")) }

def base = json('base')
assert base.status == 'passed' && base.board == 'mps2-an386' && base.platform == 'qemu-arm'
assert base.timing.deviceCounts == 'instructions'
assert base.gates[0].name == 'maxDeviceTime' && base.gates[0].passed && base.gates[0].unit == 'instructions'
// the gate's count is the device time read as instructions (one per virtual ns)
assert Math.abs(base.gates[0].measured - base.timing.deviceSeconds.median * 1e9) < 1
assert log =~ /Footprint: flash [0-9.]+ KiB of 4 MiB \([<0-9.]+ %\), RAM [0-9.]+ KiB of 4 MiB/

def gated = json('gated')
assert gated.status == 'failed'
def gates = gated.gates.collectEntries { [it.name, it] }
assert !gates.maxDeviceTime.passed && gates.maxDeviceTime.limit == 10 && gates.maxDeviceTime.measured > 10
// against base: the same firmware, the same instruction count to a tick, the same footprint
assert gates['regression.deviceTime'].passed && gates['regression.deviceTime'].unit == 'instructions'
assert gates['regression.flash'].passed && gates['regression.flash'].measured == base.footprint.flash_bytes
assert gates['regression.ram'].passed && gates['regression.ram'].baseline == base.footprint.ram_bytes
assert log =~ /maxDeviceTime: median device time [0-9.,]+( k| M)? instructions over 2 run\(s\) exceeds the limit 10 instructions/
assert log =~ /regression.flash: flash footprint [0-9.]+ KiB against [0-9.]+ KiB in the baseline \(\+0.0 %, limit \+5 %/
return true
