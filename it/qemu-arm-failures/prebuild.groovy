// Watchers for two invocations, each on its own thread. Once a QEMU of the project has run for 1 s (the run
// is then in the middle of its many repeats):
// - "killed":       SIGKILL that QEMU (the board dies);
// - "maven-killed": SIGKILL the Maven JVM that runs the build (QEMU's grandparent), as a CI timeout would.
// Each writes down what it killed for verify.groovy, and gives up after 240 s.
def watch(String project, String name, Closure<String> victim) {
    def marker = new File(basedir, "target/${project}").canonicalPath
    def thread = new Thread({
        def deadline = System.currentTimeMillis() + 240_000
        Long firstSeen = null
        while (System.currentTimeMillis() < deadline) {
            def line = ['ps', '-eo', 'pid,ppid,args'].execute().text.readLines()
                    .find { it.contains('qemu-system-arm') && it.contains(marker) && !it.contains('setpriv') }
            if (line != null) {
                firstSeen = firstSeen ?: System.currentTimeMillis()
                if (System.currentTimeMillis() - firstSeen >= 1000) {
                    def fields = line.trim().split(/\s+/)
                    def pid = victim(fields[0], fields[1])
                    ['kill', '-KILL', pid].execute().waitFor()
                    new File(basedir, "target/${project}-victim.pid").text = pid
                    return
                }
            }
            Thread.sleep(100)
        }
    } as Runnable, name)
    thread.daemon = true
    thread.start()
}

def parentOf = { String pid -> ['ps', '-o', 'ppid=', '-p', pid].execute().text.trim() }
watch('killed', 'kill-qemu-mid-run') { qemu, server -> qemu }
watch('maven-killed', 'kill-maven-mid-run') { qemu, server -> parentOf(server) }
return true
