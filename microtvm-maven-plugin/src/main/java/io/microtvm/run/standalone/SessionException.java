package io.microtvm.run.standalone;

/**
 * A standalone-protocol session with a device failed. Subclasses say how: the device refused a
 * request, stopped answering, went away, speaks another version, or sent something malformed.
 * Every message names the transport and what was being done.
 */
public class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
