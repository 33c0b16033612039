def log = new File(basedir, 'build.log').getText('UTF-8')
def board = new File(basedir, 'target/microtvm/board').canonicalPath
def builds = log.split(/Scanning for projects/)
def first = builds[1]
def second = builds[2]

// build 1: one warning naming what is missing; every goal of the execution skipped; host ran
assert first.count('[WARNING]') == 1
assert first.contains('[WARNING] Skipping microtvm:create-project and the later goals on ' + board
        + " (skipIfUnavailable): platform 'qemu-arm' (bundled with the plugin) needs no-such-qemu-system-arm"
        + ' (option qemu; for open_transport), not found on PATH')
['build', 'flash', 'run'].each { goal ->
    assert first.contains('[INFO] Skipping microtvm:' + goal + " (skipIfUnavailable): platform 'qemu-arm'")
}
assert first.contains('BUILD SUCCESS')
assert first.count('Build done') == 1     // the host execution
// build 2: without the flag, the qemu-arm run fails on the missing QEMU
assert second.contains("no-such-qemu-system-arm' not found")
assert second.contains('BUILD FAILURE')
return true
