package io.microtvm.projectapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into {@code \n}-terminated lines without ever holding more than a fixed
 * number of bytes of one line, so a peer that never sends a newline cannot exhaust memory.
 */
final class BoundedLineReader {

    /**
     * One line without its {@code \n}.
     *
     * @param bytes     the line's bytes, at most the reader's limit
     * @param truncated true when the line went on past the limit; the rest follows as further
     *                  lines if the caller keeps reading
     */
    record Line(byte[] bytes, boolean truncated) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at end of stream. A last line without {@code \n} is still a line. */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return line.size() == 0 ? null : new Line(line.toByteArray(), false);
                }
                position = 0;
                limit = n;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int room = maxLineBytes - line.size();
            if (position - start > room) {
                line.write(buffer, start, room);
                position = start + room;
                return new Line(line.toByteArray(), true);
            }
            line.write(buffer, start, position - start);
            if (position < limit) {
                position++; // the newline itself
                return new Line(line.toByteArray(), false);
            }
        }
    }
}
