package io.microtvm.projectapi;

import io.microtvm.Fault;

/**
 * The server answered with something that is not a valid JSON-RPC 2.0 reply (or not the reply
 * shape a method promises). The channel cannot be trusted afterwards, so the server is killed.
 * An internal fault: the template broke the protocol.
 */
public final class MalformedReplyException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    public MalformedReplyException(String message) {
        super(Fault.INTERNAL, message);
    }

    public MalformedReplyException(String message, Throwable cause) {
        super(Fault.INTERNAL, message, cause);
    }
}
