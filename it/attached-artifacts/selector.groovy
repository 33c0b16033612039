// Runs only where QEMU and the Arm toolchain exist (.ci/run installs them); says why it is skipped otherwise.
def missing = ['qemu-system-arm', 'arm-none-eabi-gcc'].findAll { tool ->
    !System.getenv('PATH').split(File.pathSeparator).any { new File(it, tool).canExecute() }
}
if (missing) {
    println "SKIPPING ${basedir.name}: ${missing.join(' and ')} not on PATH (apt-get install qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi)"
    return false
}
return true
