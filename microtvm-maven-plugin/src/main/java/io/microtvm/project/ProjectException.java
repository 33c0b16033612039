package io.microtvm.project;

/**
 * A problem the user can fix in the configuration or on disk: an existing project dir without
 * {@code force}, a missing MLF, an unknown platform, no project where one is needed. The message
 * says what is wrong and what to do.
 */
public class ProjectException extends Exception {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
