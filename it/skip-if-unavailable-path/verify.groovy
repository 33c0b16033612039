def log = new File(basedir, 'build.log').getText('UTF-8')
def board = new File(basedir, 'target/microtvm/board').canonicalPath

// one warning, naming QEMU by its default name as missing from PATH; every goal of the execution skipped
assert log.count('[WARNING]') == 1
assert log.contains('[WARNING] Skipping microtvm:create-project and the later goals on ' + board
        + " (skipIfUnavailable): platform 'qemu-arm' (bundled with the plugin) needs qemu-system-arm"
        + ' (option qemu unset; for open_transport), not found on PATH')
['build', 'flash', 'run'].each { goal ->
    assert log.contains('[INFO] Skipping microtvm:' + goal + " (skipIfUnavailable): platform 'qemu-arm'")
}
assert !new File(board).exists()
// the host execution, whose tools are on that PATH, ran
assert log =~ /Ran io\.microtvm\.it:skip-if-unavailable-path@host /
assert log.contains('BUILD SUCCESS')
return true
