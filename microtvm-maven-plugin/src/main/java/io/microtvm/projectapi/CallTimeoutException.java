package io.microtvm.projectapi;

import io.microtvm.Fault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * No reply arrived within a call's deadline. By the time this reaches the caller the server and
 * everything it started have been killed. The machine's fault, and transient: a fresh server may
 * answer in time (a board re-enumerating, an emulator booting slowly), which is what flash and
 * open_transport retry on.
 */
public final class CallTimeoutException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final Duration waited;
    private final String directory;

    public CallTimeoutException(String method, Duration waited, Path directory, String message) {
        super(Fault.ENVIRONMENT, message, true);
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
