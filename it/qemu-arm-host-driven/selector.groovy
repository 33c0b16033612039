// Runs only where QEMU, the Arm toolchain and its C++ headers' compiler are installed
tools = ['qemu-system-arm', 'arm-none-eabi-gcc', 'arm-none-eabi-g++']
return evaluate(new File(repoRoot, 'it/lib/select-if-on-path.groovy'))
