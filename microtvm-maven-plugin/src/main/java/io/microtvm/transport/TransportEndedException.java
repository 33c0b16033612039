package io.microtvm.transport;

/** The device side is gone: the process exited, the port vanished, the connection closed. */
public class TransportEndedException extends TransportException {
    public TransportEndedException(String message) {
        super(message);
    }

    public TransportEndedException(String message, Throwable cause) {
        super(message, cause);
    }
}
