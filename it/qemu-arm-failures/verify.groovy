def log = new File(basedir, 'build.log').getText('UTF-8')

// budget: the build goal names the budget, the property and the sizes
assert log.contains('is over its footprint budget: RAM ')
assert log.contains('> maxRamBytes (property microtvm.maxRamBytes) 16384 bytes')
assert !log.contains('> maxFlashBytes')

// too-big: the template's own size check
assert log.contains('the firmware does not fit mps2-an386 (Cortex-M4F)')
assert log.contains("the board's 4194304 bytes of RAM")

// arena-too-big: a model whose memory (the host-driven CRT pool) does not fit fails at build, saying so
assert log.contains('the firmware does not fit mps2-an386 (Cortex-M4F): data, bss (the CRT memory pool 8388608 bytes)')
assert log.contains('or a smaller stack_size_bytes or workspace_size_bytes')

// fault: reported by the device as an error, not a hang or a timeout
assert log.contains('refused RUN: DEVICE_FAULT (7)')
assert log.contains('fault: exception 03, CFSR 0x00020000')   // HardFault, escalated INVSTATE UsageFault

// killed: QEMU was killed mid-run, and the run says so
assert new File(basedir, 'target/killed-victim.pid').isFile() : 'the watcher never saw QEMU of the killed project'
assert log.contains('The device went away while waiting for the reply to')
assert log.contains('the device is gone')
assert !log.contains('within 20 s')

// maven-killed: the JVM was killed mid-run (so there is no error message to check)
assert new File(basedir, 'target/maven-killed-victim.pid').isFile() : 'the watcher never saw QEMU of maven-killed'

// nothing is left behind: no QEMU, no template server of these projects (after the killed JVM's server has
// noticed, which takes a moment: wait for the condition, up to 20 s)
def target = new File(basedir, 'target').canonicalPath
def leftovers = { ['ps', '-eo', 'pid,args'].execute().text.readLines().findAll { it.contains(target) } }
def deadline = System.currentTimeMillis() + 20_000
while (leftovers() && System.currentTimeMillis() < deadline) {
    Thread.sleep(100)
}
assert !leftovers() : leftovers()
return true
