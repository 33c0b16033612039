package io.microtvm.transport;

/** The channel to the device ended: the program exited, the board was reset or unplugged, the connection closed. */
public final class DeviceGoneException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public DeviceGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
