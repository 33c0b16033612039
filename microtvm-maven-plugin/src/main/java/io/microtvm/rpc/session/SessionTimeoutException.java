package io.microtvm.rpc.session;

/** The device did not complete the handshake, or did not answer a request, in time. */
public final class SessionTimeoutException extends MicroSessionException {
    private static final long serialVersionUID = 1L;

    public SessionTimeoutException(String message) {
        super(message);
    }
}
