package io.microtvm.rpc.session;

/** The transport ended: the device program exited, or the board was reset or unplugged. */
public final class DeviceGoneException extends MicroSessionException {
    private static final long serialVersionUID = 1L;

    public DeviceGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
