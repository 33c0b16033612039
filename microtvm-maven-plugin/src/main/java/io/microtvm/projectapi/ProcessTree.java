package io.microtvm.projectapi;

import io.microtvm.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server process and every process it started, orphans included, and how to end them all:
 * servers run make, cmake, west or a device transport as children that would otherwise outlive
 * the build.
 *
 * <p>A process whose parent exits is re-parented to init and is nobody's descendant any more, so
 * the tree is recorded while the server runs ({@link #track}), not only when it is ended. A
 * process started and orphaned between two records is still found when the server leads a
 * session of its own ({@link ProcessSessions}), which is how {@link ServerLauncher} starts it on Linux.
 */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(50);
    // between SIGTERM and SIGKILL when the grace period ran out
    static final Duration TERM_WAIT = Duration.ofSeconds(1);
    static final Duration REAP_WAIT = Duration.ofSeconds(5);
    // how long one round of SIGKILLs may take to land before the tree is scanned again
    private static final Duration ROUND_WAIT = Duration.ofMillis(200);

    private final Process process;
    // the server leads a session of its own: its pid is the session id of all it starts
    private final boolean ownSession;
    // Every process of the tree seen alive, orphans included. Handles rather than pids: they carry
    // the start time, so a reused pid is neither signalled nor mistaken for one of these.
    private final Set<ProcessHandle> known = ConcurrentHashMap.newKeySet();

    ProcessTree(Process process, boolean ownSession) {
        this.process = process;
        this.ownSession = ownSession;
    }

    /** The pids of the processes the server started that are still alive, the server itself excluded. */
    List<Long> survivorPids() {
        long self = process.pid();
        return liveTree().stream().map(ProcessHandle::pid).filter(pid -> pid != self).toList();
    }

    /** Records the server's current descendants; run periodically while it lives. */
    void track() {
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
     * meanwhile gets one too. At most {@link #TERM_WAIT}; returns as soon as the tree is gone, or
     * {@code stopped} says a kill took over.
     */
    void terminate(BooleanSupplier stopped) {
        Set<ProcessHandle> signalled = new HashSet<>();
        Deadline deadline = Deadline.after(TERM_WAIT, "the server's processes to end after SIGTERM");
        while (!stopped.getAsBoolean()) {
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
            long left = deadline.remainingNanos();
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
    void kill() {
        // bounded, so finished for an interrupted caller too: an interrupted call ends here
        boolean interrupted = false;
        Deadline deadline = Deadline.after(REAP_WAIT, "the server's processes to end after SIGKILL");
        List<ProcessHandle> live;
        while (!(live = liveTree()).isEmpty()) {
            live.forEach(p -> signal(p, true));
            if (deadline.passed()) {
                break;
            }
            Deadline round = deadline.atMost(ROUND_WAIT);
            while (live.stream().anyMatch(ProcessHandle::isAlive) && !round.passed()) {
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
    List<ProcessHandle> liveTree() {
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
}
