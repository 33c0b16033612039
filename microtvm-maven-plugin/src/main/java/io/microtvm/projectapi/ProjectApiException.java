package io.microtvm.projectapi;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;

/**
 * Base of everything that can go wrong while locating, starting or talking to a microTVM Project
 * API server. Subclasses say which part failed and fix their {@link Fault} (and whether they are
 * transient) in their constructor; all of them carry a message meant for a person.
 */
public abstract class ProjectApiException extends MicroTvmException {
    private static final long serialVersionUID = 1L;

    protected ProjectApiException(Fault fault, String message) {
        super(fault, message);
    }

    protected ProjectApiException(Fault fault, String message, Throwable cause) {
        super(fault, message, cause);
    }

    /** For the failures that may pass when the same call is tried again unchanged. */
    /** A failure that {@code setting} would fix. */
    protected ProjectApiException(Fault fault, String message, Throwable cause, Setting setting) {
        super(fault, message, cause, false, setting, null);
    }

    protected ProjectApiException(Fault fault, String message, boolean transientFailure) {
        super(fault, message, null, transientFailure, null, null);
    }
}
