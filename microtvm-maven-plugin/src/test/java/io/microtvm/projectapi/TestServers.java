package io.microtvm.projectapi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The Python test servers under {@code src/test/resources/servers}, copied into a test's temp dir
 * (Maven does not keep execute bits on resources) below a name that breaks any launcher that
 * pastes paths into shell code.
 */
public final class TestServers {

    /** Generous for calls that should answer at once; only a bug makes a test wait this long. */
    static final Duration CALL = Duration.ofSeconds(15);
    /** The environment variable that picks the chaos server's misbehaviour. */
    static final String CHAOS_MODE = "CHAOS_MODE";
    static final String AWKWARD_DIR = "server dir with spaces, 'single' \"double\" quotes, $HOME and `date`";

    private TestServers() {
    }

    /** A directory with only the well-behaved {@code microtvm_api_server.py}. */
    public static Path scripted(Path tempDir) throws IOException {
        return copy("scripted", tempDir.resolve(AWKWARD_DIR));
    }

    /** The well-behaved server plus a launch script that must take precedence. */
    static Path scriptedWithLaunchScript(Path tempDir) throws IOException {
        Path dir = scripted(tempDir);
        copy("launch-script", dir);
        return dir;
    }

    /**
     * The chaos server (a test fixture, {@code servers/chaos}), misbehaving as {@code mode} on its
     * first request; the modes are listed in the script.
     */
    static LaunchSpec chaos(Path tempDir, String mode) throws IOException {
        return LaunchSpec.of(copy("chaos", tempDir.resolve(AWKWARD_DIR)))
                .withEnvironment(CHAOS_MODE, mode)
                .withShutdownGrace(Duration.ofMillis(500));
    }

    /** The chaos server answering every method well but {@code method}, on which it acts out {@code mode}. */
    static LaunchSpec chaos(Path tempDir, String mode, String method) throws IOException {
        return chaos(tempDir, mode).withEnvironment("CHAOS_METHOD", method);
    }

    private static Path copy(String server, Path target) throws IOException {
        Path source;
        try {
            source = Path.of(TestServers.class.getResource("/servers/" + server).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(file.getFileName().toString());
                Files.copy(file, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return target;
    }
}
