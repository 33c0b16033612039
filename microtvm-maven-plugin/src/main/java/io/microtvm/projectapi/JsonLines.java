package io.microtvm.projectapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The framing of the channel: one JSON-RPC message per line, requests ASCII, replies UTF-8. */
final class JsonLines {
    private JsonLines() {
    }

    /** A request as the line to write, newline included. */
    static byte[] request(ObjectMapper json, String method, ObjectNode params, long id) {
        ObjectNode request = json.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        request.set("params", params);
        request.put("id", id);
        try {
            byte[] encoded = json.writeValueAsBytes(request);
            byte[] line = new byte[encoded.length + 1];
            System.arraycopy(encoded, 0, line, 0, encoded.length);
            line[encoded.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree: " + e.getMessage(), e);
        }
    }

    /** A reply line's text; null when it is not valid UTF-8. */
    static String text(byte[] line) {
        if (isAscii(line)) {
            // what servers send (Python's json.dumps escapes everything else): no decoder needed
            return new String(line, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
