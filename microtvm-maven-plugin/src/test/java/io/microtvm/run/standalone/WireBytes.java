package io.microtvm.run.standalone;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes written the way docs/standalone-protocol.md writes them: hex pairs, {@code "text"} for
 * ASCII, {@code ;} up to the end of the line for comments.
 */
final class WireBytes {
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|([0-9A-Fa-f]{2})(?![0-9A-Za-z])|(\\S+)");

    private WireBytes() {
    }

    static byte[] of(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            int comment = line.indexOf(';');
            Matcher m = TOKEN.matcher(comment < 0 ? line : line.substring(0, comment));
            while (m.find()) {
                if (m.group(1) != null) {
                    out.writeBytes(m.group(1).getBytes(StandardCharsets.US_ASCII));
                } else if (m.group(2) != null) {
                    out.write(Integer.parseInt(m.group(2), 16));
                } else {
                    throw new IllegalArgumentException("not a hex byte or \"text\": '" + m.group(3) + "' in: " + line);
                }
            }
        }
        return out.toByteArray();
    }
}
