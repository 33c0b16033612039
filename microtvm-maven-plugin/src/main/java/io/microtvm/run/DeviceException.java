package io.microtvm.run;

/** Talking to the device failed; the message says how, in the words of the protocol that failed. */
public class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A fault the host noticed itself, e.g. outputs that are not what the device said they were. */
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The protocol's exception, message unchanged. */
    public static DeviceException of(Exception cause) {
        return new DeviceException(cause.getMessage(), cause);
    }
}
