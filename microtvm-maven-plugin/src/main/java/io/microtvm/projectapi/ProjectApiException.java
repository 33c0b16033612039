package io.microtvm.projectapi;

/**
 * Base of everything that can go wrong while locating, starting or talking to a microTVM Project
 * API server. Subclasses say which part failed; all of them carry a message meant for a person.
 */
public class ProjectApiException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProjectApiException(String message) {
        super(message);
    }

    public ProjectApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
