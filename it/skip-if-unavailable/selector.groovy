// Build 2 builds the qemu-arm firmware before its run fails: it needs the Arm toolchain
tools = ['arm-none-eabi-gcc']
return evaluate(new File(repoRoot, 'it/lib/select-if-on-path.groovy'))
