package io.microtvm.projectapi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches the call in flight on one server while the caller blocks in a plain write or read of the
 * server's pipes. A blocking pipe operation cannot be given a deadline or be interrupted, so when
 * the call must end the watch kills the server's process tree, which ends the write or read, and
 * records why; the caller then reports that reason instead of the broken pipe.
 *
 * <p>It checks on a fixed period rather than arming a timer per call: a timer per call wakes the
 * timer thread twice per call, which costs more than a warm call itself on a two-core machine. The
 * period bounds how late a deadline is enforced.
 */
final class CallWatch {

    /** Why the watch ended a call; {@link #NONE} while it has not. */
    enum Verdict {
        NONE,
        /** the call's deadline passed */
        DEADLINE,
        /** the calling thread was interrupted */
        INTERRUPTED,
        /** the server exited but something it started kept the reply pipe open */
        PIPE_HELD
    }

    static final Duration PERIOD = Duration.ofMillis(25);
    private static final ScheduledThreadPoolExecutor SCHEDULER = DaemonScheduler.create("microtvm-call-watch");

    private final ServerProcess process;
    // a server that has exited cannot answer: what it wrote before is read within this, after which
    // a reply pipe without EOF is held open by something it started
    private final long exitDrainNanos;
    private final ScheduledFuture<?> checks;

    // the call in flight, written by the caller before it blocks and read by the check
    private volatile Thread caller;
    private volatile long deadlineNanos;
    private volatile Verdict verdict = Verdict.NONE;
    private volatile List<Long> pipeHolders = List.of();
    private long exitSeenAt; // only touched by the check, which never overlaps itself
    private boolean exitSeen;

    CallWatch(ServerProcess process, Duration exitDrain) {
        this.process = process;
        this.exitDrainNanos = exitDrain.toNanos();
        long period = PERIOD.toNanos();
        this.checks = SCHEDULER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** Starts watching a call of the current thread that must end by {@code deadlineNanos} ({@link System#nanoTime}). */
    void begin(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.verdict = Verdict.NONE;
        this.pipeHolders = List.of();
        this.caller = Thread.currentThread();
    }

    /** The call returned (or failed); nothing is watched until the next {@link #begin}. */
    void end() {
        caller = null;
    }

    /** Why the watch ended the current call, if it did. */
    Verdict verdict() {
        return verdict;
    }

    /** For {@link Verdict#PIPE_HELD}: the pids of what the server left running, seen before they were killed. */
    List<Long> pipeHolders() {
        return pipeHolders;
    }

    /** No more calls: stops the periodic check. */
    void stop() {
        checks.cancel(false);
    }

    private void check() {
        try {
            Thread watched = caller;
            if (watched == null || verdict != Verdict.NONE) {
                exitSeen = false;
                return;
            }
            long now = System.nanoTime();
            if (watched.isInterrupted()) {
                end(Verdict.INTERRUPTED);
            } else if (now - deadlineNanos >= 0) {
                end(Verdict.DEADLINE);
            } else if (!process.isAlive()) {
                if (!exitSeen) {
                    exitSeen = true;
                    exitSeenAt = now;
                } else if (now - exitSeenAt >= exitDrainNanos) {
                    pipeHolders = process.survivorPids();
                    end(Verdict.PIPE_HELD);
                }
            } else {
                exitSeen = false;
            }
        } catch (RuntimeException e) {
            // thrown out of here it would end the schedule; the next period checks again
        }
    }

    private void end(Verdict why) {
        verdict = why;
        exitSeen = false;
        // SIGKILL to the whole tree closes every writer of the reply pipe and the reader of the
        // request pipe, so the caller's blocked read or write returns
        process.kill();
    }
}
