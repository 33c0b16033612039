package io.microtvm.run.standalone;

import java.time.Duration;

/** A point in time a call must finish by, with the budget it started from for messages. */
final class Deadline {
    private final long endNanos;
    private final Duration budget;

    private Deadline(long endNanos, Duration budget) {
        this.endNanos = endNanos;
        this.budget = budget;
    }

    static Deadline after(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a timeout must not be negative: " + budget);
        }
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** This deadline, or {@code budget} from now if that comes first. */
    Deadline atMost(Duration budget) {
        Deadline other = after(budget);
        return other.endNanos - endNanos < 0 ? other : this;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** The whole budget, as given. */
    Duration budget() {
        return budget;
    }
}
