package io.microtvm;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Bounded retries of a step that is safe to repeat: opening a transport, a flash that timed out.
 * Every failed attempt is logged with what comes next. Never for a step that changes state in a
 * way a second attempt would trip over (generate_project, build): those fail at once.
 *
 * @param retries attempts after the first; 0 runs the step once
 * @param delay   pause between attempts
 */
public record RetryPolicy(int retries, Duration delay) {
    /** The parameters that set it, for messages. */
    public static final String RETRIES_PROPERTY = "microtvm.retries";
    public static final String DELAY_PROPERTY = "microtvm.retryDelay";
    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(delay, "delay");
        if (retries < 0) {
            throw new IllegalArgumentException("retries (property " + RETRIES_PROPERTY + ") must be 0 or more; got "
                    + retries);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retryDelay (property " + DELAY_PROPERTY + ") must be 0 or more"
                    + " seconds; got " + delay.toMillis() / 1000.0);
        }
    }

    /** One attempt of the step. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way {@code worthRetrying} rejects, or the
     * retries are used up; then the last failure is thrown, with the earlier ones suppressed in it.
     *
     * @param what what the step does, for the log ("opening socket://localhost:4242")
     */
    public <T, E extends Exception> T run(String what, Attempt<T, E> attempt, Predicate<? super E> worthRetrying,
                                          BuildLog log) throws E {
        java.util.List<E> earlier = new java.util.ArrayList<>();
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                @SuppressWarnings("unchecked")
                E failure = (E) rethrowUnchecked(e);
                boolean last = n > retries || !worthRetrying.test(failure);
                if (last) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                log.warn(capitalized(what) + " failed (attempt " + n + " of " + (retries + 1) + "): " + failure.getMessage()
                        + "; retrying in " + seconds(delay) + " (" + RETRIES_PROPERTY + ", " + DELAY_PROPERTY + ")");
                earlier.add(failure);
                if (!pause()) {
                    earlier.remove(failure);
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
            }
        }
    }

    /** Unchecked exceptions are bugs, not transient failures: they pass through untouched. */
    private static Exception rethrowUnchecked(Exception e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        return e;
    }

    /** False if interrupted: the interrupt stays set and no more attempts are made. */
    private boolean pause() {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
