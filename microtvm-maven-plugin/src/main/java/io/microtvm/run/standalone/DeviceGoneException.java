package io.microtvm.run.standalone;

/** The channel to the device ended: the program exited, the board reset or was unplugged. */
public final class DeviceGoneException extends SessionException {
    private static final long serialVersionUID = 1L;

    public DeviceGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
