package io.microtvm.projectapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The last successful reply to one method, kept so that a reply that repeats it byte for byte
 * (apart from its id) is not parsed again: {@code server_info_query} is asked before every
 * method and its answer of a few KiB rarely changes, and parsing it is most of what such a call
 * costs on this side.
 *
 * <p>Only a reply of the exact shape Python's {@code json.dumps} gives is recognized, with the
 * expected id in its place: {@code {"jsonrpc": "2.0", "id": ID, "result": RESULT}}, where the text
 * after {@code "result": } equals the kept reply's. Anything else is parsed as usual.
 */
final class RepeatedReply {
    private static final String RESULT_KEY = ", \"result\": ";

    private final ObjectMapper mapper;
    private String resultText; // RESULT}, of the kept reply
    private JsonNode result;

    RepeatedReply(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The kept result if {@code line} repeats the kept reply as the answer to request {@code id}; else null. */
    JsonNode match(long id, String line) {
        if (resultText == null) {
            return null;
        }
        String prefix = prefix(id);
        if (line.length() != prefix.length() + resultText.length() || !line.startsWith(prefix)
                || !line.endsWith(resultText)) {
            return null;
        }
        return result;
    }

    /**
     * Keeps {@code result}, the parsed result of {@code line}, the reply to request {@code id},
     * if the line has the recognized shape. The text after {@code "result": } must itself be exactly
     * that result and the closing brace (nothing else, e.g. no second id), which one parse checks.
     */
    void keep(long id, String line, JsonNode result) {
        String prefix = prefix(id);
        if (!line.startsWith(prefix) || !line.endsWith("}")) {
            return;
        }
        String text = line.substring(prefix.length());
        try {
            if (result.equals(mapper.readTree(text.substring(0, text.length() - 1)))) {
                this.resultText = text;
                this.result = result;
            }
        } catch (JsonProcessingException e) {
            // not the shape recognized here: such replies are simply parsed every time
        }
    }

    private static String prefix(long id) {
        return "{\"jsonrpc\": \"2.0\", \"id\": " + id + RESULT_KEY;
    }
}
