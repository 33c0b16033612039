import java.util.concurrent.TimeUnit

def project = new File(basedir, 'target/microtvm/project')
def microtvm = new File(basedir, 'target/microtvm')
assert new File(project, 'microtvm-project.json').isFile()
assert new File(project, 'build/main').canExecute()
def notes = new File(project, 'user-notes.txt')
notes.text = 'mine'
def recordBefore = new File(project, 'microtvm-project.json').text

// the Maven of this build, with the same local repository and settings as the invoker's
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
// A shell runs background jobs with SIGINT ignored, and an ignored SIGINT stays ignored in every
// child, the JVM included; python3 puts the default back and execs Maven (same pid), so a Ctrl-C
// (SIGINT) reaches the Maven JVM as it does at a terminal.
def defaultSigint = ['python3', '-c',
        'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])']
def maven = { List<String> args, String logName, Map<String, String> env ->
    def cmd = defaultSigint + [mvn, '-B', '-o', '-Dmaven.repo.local=' + localRepositoryPath] +
            (settings.isFile() ? ['-s', settings.path] : []) + args
    def pb = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, logName))
    pb.environment().putAll(env)
    pb.start()
}
def chaosServers = {
    ProcessHandle.allProcesses().filter { p ->
        p.info().arguments().map { args -> args.any { it.contains('servers/chaos/microtvm_api_server.py') } }.orElse(false)
    }.toList()
}
def waitFor = { String what, long seconds, Closure<Boolean> condition ->
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
    while (!condition()) {
        assert System.nanoTime() < deadline : 'waited ' + seconds + ' s for ' + what
        Thread.sleep(100)
    }
}

// 2. re-create with force from a template whose generate_project takes five minutes, and kill it
def slow = maven(['package', '-Pslow-template', '-Dmicrotvm.lockTimeout=0'], 'killed.log',
        [CHAOS_MODE: 'slow', CHAOS_METHOD: 'generate_project', CHAOS_DELAY_SEC: '300'])
try {
    waitFor('generate_project to start', 120) {
        assert slow.isAlive() : new File(basedir, 'killed.log').text
        microtvm.list().any { it.startsWith('.microtvm-staging-project-') } && !chaosServers().isEmpty()
    }
    // `mvn` execs java, so this is the Maven JVM itself
    slow.destroy()
    assert slow.waitFor(60, TimeUnit.SECONDS)
} finally {
    slow.destroyForcibly()
}
def killedLog = new File(basedir, 'killed.log').text
assert !killedLog.contains('BUILD SUCCESS')
waitFor('the chaos server to be gone', 15) { chaosServers().isEmpty() }
assert notes.text == 'mine'
assert new File(project, 'microtvm-project.json').text == recordBefore
assert new File(project, 'build/main').canExecute()

// 3. the next build: no stale lock (lockTimeout 0 would fail at once), the project is up to date,
//    and no staging dir is left
def again = maven(['package', '-Dmicrotvm.lockTimeout=0'], 'again.log', [:])
assert again.waitFor(300, TimeUnit.SECONDS)
def againLog = new File(basedir, 'again.log').text
assert again.exitValue() == 0 : againLog
assert againLog.contains('Project ' + project.canonicalPath + ' is up to date')
assert againLog.contains('BUILD SUCCESS') && new File(project, 'build/main').canExecute()
assert !microtvm.list().any { it.startsWith('.microtvm-staging') }
assert notes.text == 'mine'

// 4. a build whose compiler hangs, interrupted (SIGINT): no compiler is left running
def mainC = new File(project, 'src/main.c')
mainC.text = mainC.text + '\n/* edited, so that the next build compiles */\n'
def flag = new File(basedir, 'hang-cc.flag')
flag.text = ''
def compilers = {
    ProcessHandle.allProcesses().filter { p ->
        p.info().arguments().map { args -> args.any { it.contains('cc-wrapper.sh') } }.orElse(false)
    }.toList()
}
def hanging = maven(['package', '-Dmicrotvm.lockTimeout=0'], 'killed-build.log', [:])
def compilerTree = []
try {
    waitFor('the compiler to hang', 120) {
        assert hanging.isAlive() : new File(basedir, 'killed-build.log').text
        def found = compilers()
        compilerTree = found + found.collectMany { it.descendants().toList() }
        compilerTree.any { it.info().command().map { it.endsWith('sleep') }.orElse(false) }
    }
    // meanwhile a second Maven on the same project waits for the lock, then gives up naming the first
    def second = maven(['package', '-Dmicrotvm.lockTimeout=2'], 'second.log', [:])
    assert second.waitFor(120, TimeUnit.SECONDS)
    def secondLog = new File(basedir, 'second.log').text
    assert second.exitValue() != 0
    assert secondLog.contains('Waiting up to 2 s for the project dir ' + project.canonicalPath
            + ', in use by microtvm:build on ' + project.canonicalPath + ' (pid ' + hanging.pid())
    assert secondLog.contains('Timed out after 2 s waiting for the project dir ' + project.canonicalPath)
    assert secondLog.contains('wait longer than the lock timeout (now 2 s). Set lockTimeout (property microtvm.lockTimeout).')
    // Ctrl-C this time (step 2 sent SIGTERM)
    assert ['kill', '-INT', String.valueOf(hanging.pid())].execute().waitFor() == 0
    assert hanging.waitFor(60, TimeUnit.SECONDS) : 'SIGINT did not end the Maven build'
} finally {
    hanging.destroyForcibly()
}
assert !new File(basedir, 'killed-build.log').text.contains('BUILD SUCCESS')
waitFor('the hanging compiler to be gone', 15) { compilerTree.every { !it.isAlive() } }

// 5. the next build builds (nothing takes the interrupted one for done) and completes
flag.delete()
def rebuild = maven(['package', '-Dmicrotvm.lockTimeout=0'], 'rebuild.log', [:])
assert rebuild.waitFor(300, TimeUnit.SECONDS)
def rebuildLog = new File(basedir, 'rebuild.log').text
assert rebuild.exitValue() == 0 : rebuildLog
assert rebuildLog.contains('Build done')
assert new File(project, 'build/main').canExecute()
return true
