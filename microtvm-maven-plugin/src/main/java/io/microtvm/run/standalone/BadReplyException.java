package io.microtvm.run.standalone;

import io.microtvm.transport.DeviceException;

/** A reply arrived intact (its CRC matched) but does not fit its request: wrong type or layout. */
public final class BadReplyException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public BadReplyException(String message) {
        super(message);
    }
}
