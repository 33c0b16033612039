// For the "killed" invocation: a watcher thread that SIGKILLs this IT's QEMU once it has been running the
// "killed" project for 3 s (the run then is in the middle of its many repeats). Gives up after 240 s.
def marker = new File(basedir, 'target/killed').canonicalPath
def watcher = new Thread({
    def deadline = System.currentTimeMillis() + 240_000
    Long firstSeen = null
    while (System.currentTimeMillis() < deadline) {
        def line = ['ps', '-eo', 'pid,args'].execute().text.readLines()
                .find { it.contains('qemu-system-arm') && it.contains(marker) && !it.contains('setpriv') }
        if (line != null) {
            firstSeen = firstSeen ?: System.currentTimeMillis()
            if (System.currentTimeMillis() - firstSeen >= 3000) {
                def pid = line.trim().split(/\s+/)[0]
                ['kill', '-KILL', pid].execute().waitFor()
                new File(basedir, 'target/killed-qemu.pid').text = pid
                return
            }
        }
        Thread.sleep(100)
    }
} as Runnable, 'kill-qemu-mid-run')
watcher.daemon = true
watcher.start()
return true
