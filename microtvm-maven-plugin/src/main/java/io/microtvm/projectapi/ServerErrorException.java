package io.microtvm.projectapi;

import io.microtvm.Fault;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Project API method raised an exception inside the server (JSON-RPC code -32000). The server
 * keeps running. The server's own message is often just "calling method build", so the one-line
 * message shows the Python exception from the traceback instead, e.g.
 * {@code Project API server error in 'build': CalledProcessError: Command '['make']' returned
 * non-zero exit status 2.}; {@link #traceback()} has the whole traceback.
 *
 * <p>A configuration fault: the template tried what it was asked and refused or failed, and what it
 * was asked (its options, the model, the project) is the user's to change. The typed errors that
 * are the device's say so themselves ({@link IoTimeoutException}, {@link TransportClosedException}).
 */
public class ServerErrorException extends JsonRpcErrorException {
    private static final long serialVersionUID = 1L;

    private final String errorClass;

    public ServerErrorException(String method, String errorMessage, JsonNode data) {
        this(method, errorMessage, data, Fault.CONFIGURATION, false);
    }

    /** For the typed errors whose fault is not the user's configuration. */
    protected ServerErrorException(String method, String errorMessage, JsonNode data, Fault fault,
                                   boolean transientFailure) {
        this(method, errorMessage, data, PythonTraceback.parse(textTraceback(data)), fault, transientFailure);
    }

    private ServerErrorException(String method, String errorMessage, JsonNode data, PythonTraceback traceback,
                                 Fault fault, boolean transientFailure) {
        super(method, SERVER_ERROR, errorMessage, data,
                "Project API server error in '" + method + "': " + summary(method, errorMessage, traceback),
                fault, transientFailure);
        this.errorClass = traceback.exceptionType().isEmpty()
                ? typedNameOrEmpty(errorMessage)
                : traceback.simpleExceptionType();
    }

    /**
     * The simple name of the Python exception the server raised, e.g. {@code CalledProcessError},
     * {@code KeyError}, {@code IoTimeoutError}; empty when the server sent no traceback.
     */
    public String errorClass() {
        return errorClass;
    }

    private static String summary(String method, String errorMessage, PythonTraceback traceback) {
        // The server's generic texts say nothing; the traceback's last line says what happened.
        boolean generic = errorMessage.equals("calling method " + method)
                || errorMessage.equals("validating request")
                || errorMessage.isEmpty();
        if (generic && !traceback.exceptionType().isEmpty()) {
            return traceback.exceptionLine();
        }
        return errorMessage.isEmpty() ? "(no message)" : errorMessage;
    }

    private static String typedNameOrEmpty(String errorMessage) {
        return switch (errorMessage) {
            case IoTimeoutException.NAME, TransportClosedException.NAME, UnsupportedTvmVersionException.NAME ->
                    errorMessage;
            default -> "";
        };
    }

    private static String textTraceback(JsonNode data) {
        JsonNode tb = data == null ? null : data.get("traceback");
        return tb != null && tb.isTextual() ? tb.asText() : "";
    }
}
