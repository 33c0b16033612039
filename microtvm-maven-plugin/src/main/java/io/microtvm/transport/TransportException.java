package io.microtvm.transport;

/** A transport failed: the message says which transport and what happened. */
public class TransportException extends Exception {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
