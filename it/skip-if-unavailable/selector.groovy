// Build 2 builds the qemu-arm firmware before its run fails: it needs the Arm toolchain (.ci/run installs it).
def onPath = { tool -> System.getenv('PATH').split(File.pathSeparator).any { new File(it, tool).canExecute() } }
if (!onPath('arm-none-eabi-gcc')) {
    println "SKIPPING ${basedir.name}: arm-none-eabi-gcc not on PATH (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)"
    return false
}
return true
