// A PATH like an agent's without QEMU: bin/ links every program of /usr/bin except qemu-system-*.
import java.nio.file.Files
import java.nio.file.Path

Path bin = basedir.toPath().resolve('bin')
Files.createDirectories(bin)
new File('/usr/bin').eachFile { program ->
    if (!program.name.startsWith('qemu-system-') && !Files.exists(bin.resolve(program.name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(bin.resolve(program.name), program.toPath())
    }
}
assert !Files.exists(bin.resolve('qemu-system-arm'))
return true
