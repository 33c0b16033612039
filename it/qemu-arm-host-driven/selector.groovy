// Runs only where QEMU, the Arm toolchain and its C++ headers exist (.ci/run installs them); says why it is skipped
// otherwise.
def missing = ['qemu-system-arm', 'arm-none-eabi-gcc', 'arm-none-eabi-g++'].findAll { tool ->
    !System.getenv('PATH').split(File.pathSeparator).any { new File(it, tool).canExecute() }
}
def install = 'apt-get install qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib'
if (missing) {
    println "SKIPPING ${basedir.name}: ${missing.join(' and ')} not on PATH (${install})"
    return false
}
// TVM's CRT RPC server is C++ (<memory>, <functional>): the headers come from libstdc++-arm-none-eabi-newlib
def probe = ['arm-none-eabi-g++', '-x', 'c++', '-E', '-o', '/dev/null', '-'].execute()
probe.outputStream.withWriter { it << '#include <memory>\n' }
probe.consumeProcessErrorStream(new StringBuilder())
if (!probe.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || probe.exitValue() != 0) {
    probe.destroyForcibly()
    println "SKIPPING ${basedir.name}: arm-none-eabi-g++ has no C++ standard headers (${install})"
    return false
}
return true
