package io.microtvm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * A point in time some wait must end by, with the budget it was given and what it waits for, so that
 * the failure at its end can say "no reply to 'build' within 600 s" rather than just "timed out".
 * The one way the plugin counts down a wait: on {@link System#nanoTime()}, which no clock change moves.
 */
public final class Deadline {
    // some 70 years: as good as no deadline, and far enough from overflow that adding to it is safe
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final long endNanos;
    private final Duration budget;
    private final String waitingFor;

    private Deadline(long endNanos, Duration budget, String waitingFor) {
        this.endNanos = endNanos;
        this.budget = budget;
        this.waitingFor = waitingFor;
    }

    /** {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return after(budget, "");
    }

    /** {@code budget} from now, waiting for {@code waitingFor} (e.g. "the reply to 'build'"). */
    public static Deadline after(Duration budget, String waitingFor) {
        return counted(System.nanoTime(), budget, waitingFor);
    }

    /**
     * {@code budget} counted from an earlier moment {@code startNanos} (a {@link System#nanoTime()}
     * reading), e.g. a server's launch when its start-up counts against the first call. A negative
     * budget has passed already, as a zero one.
     */
    public static Deadline counted(long startNanos, Duration budget, String waitingFor) {
        Objects.requireNonNull(budget, "budget");
        return new Deadline(startNanos + nanosOf(budget), budget, Objects.requireNonNull(waitingFor, "waitingFor"));
    }

    private static long nanosOf(Duration budget) {
        try {
            return Math.max(0, Math.min(budget.toNanos(), FOREVER_NANOS));
        } catch (ArithmeticException tooLong) {
            return FOREVER_NANOS;
        }
    }

    /** This deadline, or {@code budget} from now if that comes first; it waits for the same thing. */
    public Deadline atMost(Duration budget) {
        Deadline other = after(budget, waitingFor);
        return other.endNanos - endNanos < 0 ? other : this;
    }

    /** The {@link System#nanoTime()} reading at which it passes. */
    public long endNanos() {
        return endNanos;
    }

    public long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    /** What is left, zero once passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, remainingNanos()));
    }

    public boolean passed() {
        return remainingNanos() <= 0;
    }

    /** The whole budget, as given. */
    public Duration budget() {
        return budget;
    }

    /** What the wait is for, as given; may be empty. */
    public String waitingFor() {
        return waitingFor;
    }

    /** For the failure when it passed: "no reply to 'build' within 600 s" (or "nothing within 600 s"). */
    public String missed() {
        return "no " + (waitingFor.isEmpty() ? "answer" : waitingFor) + " within " + describe(budget);
    }

    @Override
    public String toString() {
        return (waitingFor.isEmpty() ? "a wait" : waitingFor) + " of " + describe(budget);
    }

    /** A duration as messages say it: "600 s", "1.5 s", "250 ms". */
    public static String describe(Duration d) {
        if (d.compareTo(Duration.ofDays(365)) > 0) {
            return d.toDays() + " days"; // "no limit" in practice, and beyond what milliseconds can say
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }
}
