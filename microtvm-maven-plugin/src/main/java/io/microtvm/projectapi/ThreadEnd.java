package io.microtvm.projectapi;

import java.time.Duration;

/** Waiting, with a deadline, for the client's pump threads to finish draining a server's pipes. */
final class ThreadEnd {
    private ThreadEnd() {
    }

    /** Joins {@code thread} for at most {@code timeout}; true when it has ended. Keeps an interrupt. */
    static boolean awaitWithin(Thread thread, Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
