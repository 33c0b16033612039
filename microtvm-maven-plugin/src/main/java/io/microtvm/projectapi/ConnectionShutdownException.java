package io.microtvm.projectapi;

import io.microtvm.Fault;
import java.util.List;
import java.util.OptionalInt;

/**
 * The connection to the server is gone: the server closed its reply pipe (usually because it
 * crashed or exited), or the client already closed the connection. The machine's fault: the
 * server, or the tools it runs, failed.
 */
public final class ConnectionShutdownException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    private final Integer exitStatus;
    private final List<String> stderrTail;

    /** For calls made after the connection was closed. */
    public ConnectionShutdownException(String message) {
        this(message, OptionalInt.empty(), List.of());
    }

    public ConnectionShutdownException(String message, OptionalInt exitStatus, List<String> stderrTail) {
        super(Fault.ENVIRONMENT, message);
        this.exitStatus = exitStatus.isPresent() ? exitStatus.getAsInt() : null;
        this.stderrTail = List.copyOf(stderrTail);
    }

    /** The server's exit status, when it had ended by the time this was thrown. */
    public OptionalInt exitStatus() {
        return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** The last lines the server wrote to stderr; often the reason it went away. */
    public List<String> stderrTail() {
        return stderrTail;
    }
}
