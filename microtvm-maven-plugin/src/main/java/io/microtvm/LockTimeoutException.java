package io.microtvm;

import java.io.IOException;

/** A {@link LockFile} stayed held by another build for longer than the caller would wait. */
public final class LockTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message);
    }
}
