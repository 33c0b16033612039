package io.microtvm.projectapi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One server process and everything it started: its pipes, its stderr drain, and the ways to
 * end it. Ending always covers the whole process tree, because servers run make, cmake, west or
 * a device transport as children that would otherwise outlive the build.
 *
 * <p>A process whose parent exits is re-parented to init and is nobody's descendant any more, so
 * the tree is recorded while the server runs, not only when it is ended. A process started and
 * orphaned within one {@link #TRACK_PERIOD} is still found when the server leads a session of its
 * own ({@link ProcessSessions}), which is how {@link ServerLauncher} starts it on Linux.
 */
final class ServerProcess {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TRACK_PERIOD = Duration.ofMillis(200);
    // between SIGTERM and SIGKILL when the grace period ran out
    private static final Duration TERM_WAIT = Duration.ofSeconds(1);
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);
    // how long one round of SIGKILLs may take to land before the tree is scanned again
    private static final Duration ROUND_WAIT = Duration.ofMillis(200);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    private static final ScheduledThreadPoolExecutor TRACKER = DaemonScheduler.create("microtvm-server-tracker");

    private final Process process;
    private final Path directory;
    private final StderrPump stderr;
    // Every process of the tree seen alive, orphans included. Handles rather than pids: they carry
    // the start time, so a reused pid is neither signalled nor mistaken for one of these.
    private final Set<ProcessHandle> known = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> tracking;
    private volatile boolean killRequested;
    private boolean ended; // guarded by this

    // the server leads a session of its own: its pid is the session id of all it starts
    private final boolean ownSession;

    ServerProcess(Process process, Path directory, Consumer<String> stderrSink, boolean ownSession) {
        this.process = process;
        this.ownSession = ownSession;
        this.directory = directory;
        this.stderr = new StderrPump(process.getErrorStream(), stderrSink,
                "microtvm-server-stderr-" + process.pid());
        long period = TRACK_PERIOD.toNanos();
        tracking = TRACKER.scheduleWithFixedDelay(this::track, period, period, TimeUnit.NANOSECONDS);
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
        long self = process.pid();
        return liveTree().stream().map(ProcessHandle::pid).filter(pid -> pid != self).toList();
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
            awaitExit(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
        // also when the server exited by itself: what it left running gets the same chance
        terminateTree();
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
            killTree();
            // no signal for a server that has exited, but our ends of its pipes close either way
            process.destroyForcibly();
            awaitExit(REAP_WAIT);
            // after every writer is gone the drain sees EOF, so the tail is complete for error messages
            stderr.awaitEnd(DRAIN_WAIT);
            closeQuietly(process.getOutputStream());
            LiveServerRegistry.unregister(this);
            // only now: a concurrent caller (a timed-out call after the watchdog) returns on this
            ended = true;
        }
    }

    private void track() {
        try {
            // a dead process needs no kill and leads to no descendants
            known.removeIf(p -> !p.isAlive());
            if (process.isAlive()) {
                process.descendants().forEach(known::add);
            }
        } catch (RuntimeException e) {
            // thrown out of here it would end the schedule; the next period scans again
        }
    }

    /**
     * SIGTERM to every process of the tree in one sweep, deepest first: children are told to stop
     * before the parents that wait for them (make, ninja, a launch script). Whatever starts
     * meanwhile gets one too. At most {@link #TERM_WAIT}; returns as soon as the tree is gone.
     */
    private void terminateTree() {
        Set<ProcessHandle> signalled = new HashSet<>();
        long deadline = System.nanoTime() + TERM_WAIT.toNanos();
        while (!killRequested) {
            List<ProcessHandle> live = liveTree();
            if (live.isEmpty()) {
                return;
            }
            for (int i = live.size() - 1; i >= 0; i--) {
                // once is enough: a second SIGTERM would cut short a process that is cleaning up
                if (signalled.add(live.get(i))) {
                    signal(live.get(i), false);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !sleep(Math.min(left, POLL.toNanos()))) {
                return;
            }
        }
    }

    /**
     * SIGKILL in rounds until the tree is gone or {@link #REAP_WAIT} is over. Unlike SIGTERM,
     * parents first: a killed make cannot start a new compiler in place of one killed before it,
     * and the children it orphans are still known by handle. Each round scans afresh, so what a
     * process started before it died is found by the next one.
     */
    private void killTree() {
        // bounded, so finished for an interrupted caller too: an interrupted call ends here
        boolean interrupted = false;
        long deadline = System.nanoTime() + REAP_WAIT.toNanos();
        List<ProcessHandle> live;
        while (!(live = liveTree()).isEmpty()) {
            live.forEach(p -> signal(p, true));
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            long roundEnd = System.nanoTime() + Math.min(left, ROUND_WAIT.toNanos());
            while (live.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - roundEnd < 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The tree as it is now, parents before children: the server while it runs, every known
     * process still alive, and all their current descendants, which become known too.
     */
    private List<ProcessHandle> liveTree() {
        // each live process with its parent's pid; -1 for the server, which is always a root
        Map<ProcessHandle, Long> parentOf = new LinkedHashMap<>();
        if (process.isAlive()) {
            parentOf.put(process.toHandle(), -1L);
        }
        known.forEach(p -> addIfAlive(parentOf, p));
        if (ownSession) {
            ProcessSessions.members(process.pid()).forEach(p -> {
                known.add(p);
                addIfAlive(parentOf, p);
            });
        }
        Set<Long> livePids = new HashSet<>();
        parentOf.keySet().forEach(p -> livePids.add(p.pid()));
        // the roots' descendants include everybody else's: one process table scan per root
        List<ProcessHandle> roots = new ArrayList<>();
        parentOf.forEach((p, parent) -> {
            if (!livePids.contains(parent)) {
                roots.add(p);
            }
        });
        try {
            for (ProcessHandle root : roots) {
                root.descendants().forEach(d -> {
                    known.add(d);
                    addIfAlive(parentOf, d);
                });
            }
        } catch (RuntimeException e) {
            // no process table here: the known processes are all that can be ended
        }
        return parentsFirst(parentOf);
    }

    private static void addIfAlive(Map<ProcessHandle, Long> parentOf, ProcessHandle p) {
        if (parentOf.containsKey(p)) {
            return;
        }
        long parent = p.parent().map(ProcessHandle::pid).orElse(-1L);
        if (p.isAlive()) {
            parentOf.put(p, parent);
        }
    }

    private static List<ProcessHandle> parentsFirst(Map<ProcessHandle, Long> parentOf) {
        Map<Long, Long> up = new HashMap<>();
        parentOf.forEach((p, parent) -> up.put(p.pid(), parent));
        Map<ProcessHandle, Integer> depth = new HashMap<>();
        for (ProcessHandle p : parentOf.keySet()) {
            int d = 0;
            // bounded, as a table read one process at a time can show a cycle through a reused pid
            for (long parent = up.get(p.pid()); up.containsKey(parent) && d < up.size(); parent = up.get(parent)) {
                d++;
            }
            depth.put(p, d);
        }
        List<ProcessHandle> ordered = new ArrayList<>(parentOf.keySet());
        // stable, so the server stays ahead of the orphans that are roots too
        ordered.sort(Comparator.comparing(depth::get));
        return ordered;
    }

    private void signal(ProcessHandle p, boolean force) {
        // the server through its Process, which also closes our ends of its pipes
        if (p.equals(process.toHandle())) {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        } else if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
    }

    /** False if interrupted; the interrupt stays set for the caller. */
    private static boolean sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
