package io.microtvm.projectapi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One server process and everything it started: its pipes, its stderr drain, and the ways to
 * end it. Ending always covers the whole process tree, because servers run make, cmake, west or
 * a device transport as children that would otherwise outlive the build.
 */
final class ServerProcess {

    private static final Duration POLL = Duration.ofMillis(50);
    // between SIGTERM and SIGKILL when the grace period ran out
    private static final Duration TERM_WAIT = Duration.ofSeconds(1);
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final Process process;
    private final Path directory;
    private final StderrPump stderr;
    // Once the server exits its children are reparented and no longer listed as its descendants,
    // so every descendant ever seen is remembered to be ended too.
    private final Set<ProcessHandle> seenDescendants = ConcurrentHashMap.newKeySet();
    private volatile boolean killRequested;
    private boolean ended; // guarded by this

    ServerProcess(Process process, Path directory, Consumer<String> stderrSink) {
        this.process = process;
        this.directory = directory;
        this.stderr = new StderrPump(process.getErrorStream(), stderrSink,
                "microtvm-server-stderr-" + process.pid());
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return directory;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Where requests go: the server's fd 3. */
    OutputStream requests() {
        return process.getOutputStream();
    }

    /** Where replies come from: the server's fd 4. */
    InputStream replies() {
        return process.getInputStream();
    }

    OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    List<String> stderrTail() {
        return stderr.tail();
    }

    /** "its last stderr lines: ..." or "it wrote nothing to stderr", for error messages. */
    String stderrReport() {
        List<String> tail = stderr.tail();
        if (tail.isEmpty()) {
            return "it wrote nothing to stderr";
        }
        return "its last stderr lines:\n  " + String.join("\n  ", tail);
    }

    /** Waits for the process to exit by itself; true if it did. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * The polite end: close the request pipe (servers exit on EOF), give the server
     * {@code grace} to do so, then SIGTERM, then SIGKILL, for the server and its descendants.
     */
    void shutdown(Duration grace) {
        closeQuietly(process.getOutputStream());
        long deadline = System.nanoTime() + grace.toNanos();
        while (process.isAlive() && !killRequested) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            rememberDescendants();
            awaitExit(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
        if (process.isAlive() && !killRequested) {
            rememberDescendants();
            process.destroy();
            seenDescendants.forEach(ProcessHandle::destroy);
            awaitExit(TERM_WAIT);
        }
        kill();
    }

    /**
     * The immediate end: SIGKILL the server and every descendant seen, reap them, and let the
     * stderr drain finish. Idempotent, and safe from any thread (timeouts, the JVM shutdown hook).
     */
    void kill() {
        killRequested = true;
        synchronized (this) {
            if (ended) {
                return;
            }
            rememberDescendants();
            // the parent first, so it cannot start new children while its current ones die
            process.destroyForcibly();
            seenDescendants.forEach(ProcessHandle::destroyForcibly);
            awaitExit(REAP_WAIT);
            awaitDescendantsGone(REAP_WAIT);
            ended = true;
        }
        // after every writer is gone the drain sees EOF, so the tail is complete for error messages
        stderr.awaitEnd(DRAIN_WAIT);
        closeQuietly(process.getOutputStream());
        LiveServerRegistry.unregister(this);
    }

    private void rememberDescendants() {
        if (process.isAlive()) {
            process.descendants().forEach(seenDescendants::add);
        }
    }

    private void awaitDescendantsGone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seenDescendants.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // the pipe is already broken: the server has gone, which is what closing wanted
        }
    }
}
