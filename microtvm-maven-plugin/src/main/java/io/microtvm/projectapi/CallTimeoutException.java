package io.microtvm.projectapi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * No reply arrived within a call's deadline. By the time this reaches the caller the server and
 * everything it started have been killed.
 */
public final class CallTimeoutException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final Duration waited;
    private final String directory;

    public CallTimeoutException(String method, Duration waited, Path directory, String message) {
        super(message);
        this.method = method;
        this.waited = waited;
        this.directory = directory.toString();
    }

    /** The Project API method that got no reply. */
    public String method() {
        return method;
    }

    /** The deadline that passed. */
    public Duration waited() {
        return waited;
    }

    /** Where the server ran. */
    public Path directory() {
        return Path.of(directory);
    }
}
