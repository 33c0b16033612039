// Runs only where QEMU and the Arm toolchain are installed
tools = ['qemu-system-arm', 'arm-none-eabi-gcc']
return evaluate(new File(repoRoot, 'it/lib/select-if-on-path.groovy'))
