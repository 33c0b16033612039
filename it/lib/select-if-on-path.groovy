// The selector of the ITs that need programs a fresh machine may lack (.ci/run installs them): each sets
// `tools` and evaluates this file, which runs the IT only where every one is on PATH and says why not.
def missing = tools.findAll { tool ->
    !System.getenv('PATH').split(File.pathSeparator).any { new File(it, tool).canExecute() }
}
if (missing) {
    println "SKIPPING ${basedir.name}: ${missing.join(' and ')} not on PATH (apt-get install qemu-system-arm" +
            " gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib)"
    return false
}
return true
