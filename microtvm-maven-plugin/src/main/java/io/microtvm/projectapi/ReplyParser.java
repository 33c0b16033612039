package io.microtvm.projectapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/**
 * What one reply line means (docs/project-api.md, "Replies and errors"): the result, the server's
 * error object, or proof that the line is not a reply to the request at all. Checks run in the TVM
 * client's order: JSON, {@code jsonrpc}, {@code id}, then {@code error} or {@code result}.
 */
final class ReplyParser {

    private static final int QUOTED_PREFIX_CHARS = 200;

    private final ObjectMapper mapper;
    private final String serverName;

    /** @param serverName how messages name the server, e.g. "the Project API server in /x" */
    ReplyParser(ObjectMapper mapper, String serverName) {
        this.mapper = mapper;
        this.serverName = serverName;
    }

    JsonNode resultOf(String method, long requestId, String line)
            throws ProjectApiException {
        JsonNode reply;
        try {
            reply = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw malformed(method, "that is not JSON: " + quoted(line));
        }
        if (reply == null || !reply.isObject()) {
            throw malformed(method, "that is not a JSON object: " + quoted(line));
        }
        JsonNode version = reply.get("jsonrpc");
        if (version == null) {
            throw malformed(method, "without a 'jsonrpc' member: " + quoted(line));
        }
        if (!version.isTextual() || !version.asText().equals("2.0")) {
            throw malformed(method, "with jsonrpc " + version + " instead of \"2.0\": " + quoted(line));
        }
        JsonNode id = reply.get("id");
        if (id == null) {
            throw malformed(method, "without an 'id' member: " + quoted(line));
        }
        JsonNode error = reply.get("error");
        if (!sameId(id, requestId)) {
            throw mismatched(method, requestId, id, error);
        }
        if (error != null && !error.isNull()) {
            throw errorOf(method, error, line);
        }
        JsonNode result = reply.get("result");
        if (result == null) {
            throw malformed(method, "with neither 'result' nor 'error': " + quoted(line));
        }
        return result;
    }

    private JsonRpcErrorException errorOf(String method, JsonNode error, String line) throws MalformedReplyException {
        JsonNode code = error.get("code");
        if (!error.isObject() || code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
            throw malformed(method, "with an error object lacking an integer 'code': " + quoted(line));
        }
        JsonNode messageNode = error.get("message");
        String message = messageNode == null || messageNode.isNull() ? ""
                : messageNode.isTextual() ? messageNode.asText() : messageNode.toString();
        JsonNode data = error.get("data");
        // which codes and messages mean what in the Project API is the client's to say
        return new JsonRpcErrorException(method, code.intValue(), message, data);
    }

    private MismatchedIdException mismatched(String method, long requestId, JsonNode id, JsonNode error) {
        String text = "Reply id (" + id + ") does not equal request id (" + requestId + ") in the reply of "
                + serverName + " to '" + method + "'";
        if (error != null && error.isObject() && error.hasNonNull("message")) {
            // id null comes with the server rejecting the request as invalid; say why
            text += "; the reply carries error " + error.path("code") + ": " + error.get("message").asText();
        }
        return new MismatchedIdException(requestId, id.toString(), text);
    }

    private static boolean sameId(JsonNode id, long requestId) {
        // Python compares with ==, so 1.0 matches 1 but "1" does not
        return id.isNumber() && id.decimalValue().compareTo(BigDecimal.valueOf(requestId)) == 0;
    }

    MalformedReplyException malformed(String method, String what) {
        return new MalformedReplyException(serverName + " answered '" + method + "' with a reply " + what);
    }

    static String quoted(String line) {
        String start = line.length() > QUOTED_PREFIX_CHARS ? line.substring(0, QUOTED_PREFIX_CHARS) + "..." : line;
        return "'" + start + "'" + (line.length() > QUOTED_PREFIX_CHARS ? " (" + line.length() + " characters)" : "");
    }
}
