package io.microtvm.transport;

/** Nothing was read, or not everything written, before the deadline. */
public class TransportTimeoutException extends TransportException {
    public TransportTimeoutException(String message) {
        super(message);
    }

    public TransportTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
