package io.microtvm.run.standalone;

/** The device did not answer (or could not be written to) before the call's deadline. */
public final class DeviceTimeoutException extends SessionException {
    private static final long serialVersionUID = 1L;

    public DeviceTimeoutException(String message) {
        super(message);
    }

    public DeviceTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
