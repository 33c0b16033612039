package io.microtvm.projectapi;

import io.microtvm.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The server answered with a JSON-RPC error object. The server keeps running. Codes other than
 * -32000 arrive as this class; -32000 (a failure inside the method) as
 * {@link ServerErrorException}. Codes docs/project-api.md does not list (its case B19) are reported
 * here too, never dropped. Codes other than -32000 mean the server refused the request itself
 * (unknown method, bad parameters): an internal fault, the template and the plugin disagree on the
 * protocol.
 */
public class JsonRpcErrorException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    /** The custom code the Project API uses for exceptions raised inside a method. */
    public static final int SERVER_ERROR = -32000;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;

    private final String method;
    private final int code;
    private final String errorMessage;
    private final JsonNode data;

    public JsonRpcErrorException(String method, int code, String errorMessage, JsonNode data) {
        this(method, code, errorMessage, data,
                "Project API server rejected '" + method + "' with JSON-RPC error " + code + ": " + errorMessage,
                Fault.INTERNAL, false);
    }

    /** For subclasses that word their message differently and say whose fault they are. */
    protected JsonRpcErrorException(String method, int code, String errorMessage, JsonNode data, String message,
                                    Fault fault, boolean transientFailure) {
        super(fault, message, transientFailure);
        this.method = method;
        this.code = code;
        this.errorMessage = errorMessage;
        this.data = data == null ? NullNode.getInstance() : data;
    }

    /** The Project API method that failed. */
    public String method() {
        return method;
    }

    public int code() {
        return code;
    }

    /** The error object's {@code message}, exactly as the server sent it. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The error object's {@code data}; {@link NullNode} when absent or null. */
    public JsonNode data() {
        return data;
    }

    /** The server-side Python traceback from {@code data.traceback}; empty when there is none. */
    public String traceback() {
        JsonNode tb = data.get("traceback");
        return tb != null && tb.isTextual() ? tb.asText() : "";
    }

    /**
     * The message followed by what the server attached: its traceback, or else the raw
     * {@code data}. Meant for verbose or debug output; {@link #getMessage()} stays one line.
     */
    public String detailedMessage() {
        String traceback = traceback();
        if (!traceback.isEmpty()) {
            return getMessage() + "\nServer-side traceback:\n" + traceback.stripTrailing();
        }
        return data.isNull() ? getMessage() : getMessage() + "\nError data: " + data;
    }
}
