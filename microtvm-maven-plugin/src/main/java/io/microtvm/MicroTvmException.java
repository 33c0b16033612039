package io.microtvm;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one checked exception of the plugin's core. It says what went wrong in the core's words and
 * carries what the layer above needs to act on it without looking at its class:
 * <ul>
 *   <li>{@link #fault()}: who can put it right;</li>
 *   <li>{@link #isTransient()}: whether the same step, tried again unchanged, may succeed
 *       ({@link RetryPolicy} retries only those);</li>
 *   <li>{@link #setting()} and {@link #missingStep()}: the setting that would fix it, or the step
 *       that has to run first, for the caller to name in its own vocabulary.</li>
 * </ul>
 * Subclasses exist where a caller or a test needs to tell one failure from another; they fix
 * their fault in their constructor.
 */
public class MicroTvmException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Fault fault;
    private final boolean transientFailure;
    private final Setting setting;
    private final Step missingStep;

    public MicroTvmException(Fault fault, String message) {
        this(fault, message, null);
    }

    public MicroTvmException(Fault fault, String message, Throwable cause) {
        this(fault, message, cause, false, null, null);
    }

    protected MicroTvmException(Fault fault, String message, Throwable cause, boolean transientFailure,
                                Setting setting, Step missingStep) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
        this.transientFailure = transientFailure;
        this.setting = setting;
        this.missingStep = missingStep;
    }

    /** A failure the user fixes by changing {@code setting}. */
    public static MicroTvmException badSetting(Setting setting, String message) {
        return new MicroTvmException(Fault.CONFIGURATION, message, null, false, Objects.requireNonNull(setting), null);
    }

    /** A failure the user fixes by changing {@code setting}, found as {@code cause}. */
    public static MicroTvmException badSetting(Setting setting, String message, Throwable cause) {
        return new MicroTvmException(Fault.CONFIGURATION, message, cause, false, Objects.requireNonNull(setting), null);
    }

    /** A failure the user fixes by running {@code step} first, or else by changing {@code setting}. */
    public static MicroTvmException stepNotRun(Step step, Setting setting, String message) {
        return new MicroTvmException(Fault.CONFIGURATION, message, null, false, Objects.requireNonNull(setting),
                Objects.requireNonNull(step));
    }

    /**
     * An I/O failure the core cannot judge more closely: the machine's ({@link Fault#ENVIRONMENT}).
     *
     * @param doing what failed, as "Cannot ..." continues: "read the project record /p/x.json"
     */
    public static MicroTvmException ioFailure(String doing, IOException e) {
        return new MicroTvmException(Fault.ENVIRONMENT, "Cannot " + doing + ": " + e.getMessage(), e);
    }

    /** Work that reads or writes files, for {@link #failingAs}. */
    @FunctionalInterface
    public interface FileWork<T> {
        T run() throws IOException, MicroTvmException;
    }

    /** The result of {@code work}, its I/O failures reported as {@link #ioFailure(String, IOException)}. */
    public static <T> T failingAs(String doing, FileWork<T> work) throws MicroTvmException {
        try {
            return work.run();
        } catch (IOException e) {
            throw ioFailure(doing, e);
        }
    }

    /** A failure the user fixes by running {@code step} first. */
    public static MicroTvmException stepNotRun(Step step, String message) {
        return new MicroTvmException(Fault.CONFIGURATION, message, null, false, null, Objects.requireNonNull(step));
    }

    public Fault fault() {
        return fault;
    }

    /** True when trying the same step again, unchanged, may succeed: a deadline passed, a port was not there yet. */
    public boolean isTransient() {
        return transientFailure;
    }

    public Optional<Setting> setting() {
        return Optional.ofNullable(setting);
    }

    public Optional<Step> missingStep() {
        return Optional.ofNullable(missingStep);
    }
}
