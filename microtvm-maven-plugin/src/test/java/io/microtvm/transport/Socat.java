package io.microtvm.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A socat process for a test: a pseudo-terminal pair, or a pty or TCP port in front of a program.
 * Closing it kills socat and removes the links it made.
 */
final class Socat implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final Process process;
    private final List<Path> links;

    private Socat(Process process, List<Path> links) {
        this.process = process;
        this.links = links;
    }

    /** Skips the test, saying why, when socat is missing (CI installs it; a fresh machine may not). */
    static void assumeInstalled() {
        assumeTrue(installed(), "socat is not installed: apt-get install -y socat to run the serial tests");
    }

    private static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Two ptys wired together: whatever is written to one comes out of the other. */
    static Socat ptyPair(Path a, Path b) throws IOException, InterruptedException {
        return start(List.of(pty(a), pty(b)), List.of(a, b));
    }

    /** A pty whose other end is {@code program}'s stdin and stdout. */
    static Socat ptyToProgram(Path link, Path program) throws IOException, InterruptedException {
        return start(List.of(pty(link), "EXEC:" + program), List.of(link));
    }

    /** A TCP port on loopback whose one connection is {@code program}'s stdin and stdout. */
    static Socat tcpToProgram(int port, Path program) throws IOException, InterruptedException {
        return start(List.of("TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr", "EXEC:" + program), List.of());
    }

    /** A pty whose other end is a TCP connection to {@code port} on loopback (e.g. QEMU's UART server). */
    static Socat ptyToTcp(Path link, int port) throws IOException, InterruptedException {
        return start(List.of(pty(link), "TCP:127.0.0.1:" + port), List.of(link));
    }

    private static String pty(Path link) {
        return "pty,raw,echo=0,link=" + link;
    }

    private static Socat start(List<String> addresses, List<Path> links) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("socat", "-d", "-d"));
        command.addAll(addresses);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Socat socat = new Socat(process, links);
        // socat makes its links asynchronously: nothing can be opened before they exist
        long deadline = System.nanoTime() + START.toNanos();
        while (!links.stream().allMatch(Files::exists)) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                socat.close();
                throw new IOException("socat " + addresses + " did not make " + links + " within " + START);
            }
            Thread.sleep(20);
        }
        return socat;
    }

    /** Kills socat as a device that vanishes would: without warning. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        kill();
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
    }
}
