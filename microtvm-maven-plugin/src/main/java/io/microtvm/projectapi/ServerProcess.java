package io.microtvm.projectapi;

import io.microtvm.Deadline;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One server process: its pipes, its stderr drain, and the ways to end it. Ending always covers
 * the whole {@link ProcessTree}, which is recorded every {@link #TRACK_PERIOD} while the server runs.
 */
final class ServerProcess {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TRACK_PERIOD = Duration.ofMillis(200);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    private static final ScheduledThreadPoolExecutor TRACKER = DaemonScheduler.create("microtvm-server-tracker");

    private final Process process;
    private final Path directory;
    private final StderrPump stderr;
    private final ProcessTree tree;
    private final ScheduledFuture<?> tracking;
    private volatile boolean killRequested;
    private boolean ended; // guarded by this

    ServerProcess(Process process, Path directory, Consumer<String> stderrSink, boolean ownSession) {
        this.process = process;
        this.tree = new ProcessTree(process, ownSession);
        this.directory = directory;
        this.stderr = new StderrPump(process.getErrorStream(), stderrSink,
                "microtvm-server-stderr-" + process.pid());
        long period = TRACK_PERIOD.toNanos();
        tracking = TRACKER.scheduleWithFixedDelay(tree::track, period, period, TimeUnit.NANOSECONDS);
        // only the living server's tree grows; what it left behind is already known
        process.onExit().thenRun(() -> tracking.cancel(false));
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

    /** The pids of the processes the server started that are still alive, the server itself excluded. */
    List<Long> survivorPids() {
        return tree.survivorPids();
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
        Deadline exit = Deadline.after(grace, "the server to exit after its request pipe closed");
        while (process.isAlive() && !killRequested && !exit.passed()) {
            awaitExit(exit.atMost(POLL).remaining());
        }
        // also when the server exited by itself: what it left running gets the same chance
        tree.terminate(() -> killRequested);
        kill();
    }

    /**
     * The immediate end: SIGKILL the server and every descendant it has or had, reap them, and let
     * the stderr drain finish. Idempotent, and safe from any thread (timeouts, the JVM shutdown hook).
     */
    void kill() {
        killRequested = true;
        synchronized (this) {
            if (ended) {
                return;
            }
            tracking.cancel(false);
            tree.kill();
            // no signal for a server that has exited, but our ends of its pipes close either way
            process.destroyForcibly();
            awaitExit(ProcessTree.REAP_WAIT);
            // after every writer is gone the drain sees EOF, so the tail is complete for error messages
            stderr.awaitEnd(DRAIN_WAIT);
            closeQuietly(process.getOutputStream());
            LiveServerRegistry.unregister(this);
            // only now: a concurrent caller (a timed-out call after the watchdog) returns on this
            ended = true;
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