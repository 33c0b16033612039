package io.microtvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bounded retries of a step that is safe to repeat: opening a transport, a flash that timed out.
 * Whether a failure is worth another attempt is the failure's own word
 * ({@link MicroTvmException#isTransient()}): a deadline that passed, a port that is not there yet.
 * Every failed attempt is logged with what comes next. Never for a step that changes state in a way
 * a second attempt would trip over (generate_project, build): those fail at once.
 *
 * @param retries attempts after the first; 0 runs the step once
 * @param delay   pause between attempts
 */
public record RetryPolicy(int retries, Duration delay) {
    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(delay, "delay");
        if (retries < 0 || delay.isNegative()) {
            // a caller's bug: values a user gives go through of(), which says which setting is wrong
            throw new IllegalArgumentException("retries and delay must be 0 or more; got " + retries + " and "
                    + delay);
        }
    }

    /** The policy a user configured: fails naming the setting when a value is out of range. */
    public static RetryPolicy of(int retries, Duration delay) throws MicroTvmException {
        if (retries < 0) {
            throw MicroTvmException.badSetting(Setting.RETRIES, "The number of retries must be 0 or more; got "
                    + retries + ".");
        }
        if (delay.isNegative()) {
            throw MicroTvmException.badSetting(Setting.RETRY_DELAY, "The delay between retries must be 0 or more"
                    + " seconds; got " + delay.toMillis() / 1000.0 + ".");
        }
        return new RetryPolicy(retries, delay);
    }

    /** One attempt of the step. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way that is not transient, or the retries
     * are used up; then the last failure is thrown, with the earlier ones suppressed in it.
     *
     * @param what what the step does, for the log ("opening socket://localhost:4242")
     */
    public <T, E extends Exception> T run(String what, Attempt<T, E> attempt, BuildLog log) throws E {
        List<E> earlier = new ArrayList<>();
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                @SuppressWarnings("unchecked")
                E failure = (E) rethrowUnchecked(e);
                if (n > retries || !isTransient(failure)) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                log.warn(capitalized(what) + " failed (attempt " + n + " of " + (retries + 1) + "): " + failure.getMessage()
                        + "; retrying in " + seconds(delay));
                earlier.add(failure);
                if (!pause()) {
                    earlier.remove(failure);
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
            }
        }
    }

    /** Only the failure itself says it may pass; anything else is final. */
    private static boolean isTransient(Exception failure) {
        return failure instanceof MicroTvmException known && known.isTransient();
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
