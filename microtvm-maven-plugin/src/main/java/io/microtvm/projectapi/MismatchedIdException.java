package io.microtvm.projectapi;

import io.microtvm.Fault;

/**
 * The reply's {@code id} is not the request's. The server answers {@code id: null} after
 * rejecting a request as invalid, so the message includes the reply's error when it has one.
 * An internal fault: the template broke the protocol (or the plugin sent what it could not read).
 */
public final class MismatchedIdException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    private final long requestId;
    private final String replyId;

    public MismatchedIdException(long requestId, String replyId, String message) {
        super(Fault.INTERNAL, message);
        this.requestId = requestId;
        this.replyId = replyId;
    }

    public long requestId() {
        return requestId;
    }

    /** The reply's id as JSON text, e.g. {@code null} or {@code 101}. */
    public String replyId() {
        return replyId;
    }
}
