package io.microtvm;

/**
 * A {@link LockFile} stayed held by another build for longer than the caller would wait: the
 * machine's to sort out ({@link Fault#ENVIRONMENT}), by letting the other build finish or by the
 * setting the caller names (a longer wait, another board).
 */
public final class LockTimeoutException extends MicroTvmException {
    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message, Setting remedy) {
        super(Fault.ENVIRONMENT, message, null, false, remedy, null);
    }
}
