package io.microtvm.projectapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

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
        // only a line that spans reads is gathered here; one within the buffer is copied out once
        ByteArrayOutputStream gathered = null;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return gathered == null || gathered.size() == 0 ? null : new Line(gathered.toByteArray(), false);
                }
                position = 0;
                limit = n;
            }
            int start = position;
            int newline = indexOfNewline(start, limit);
            int end = newline < 0 ? limit : newline;
            int room = maxLineBytes - (gathered == null ? 0 : gathered.size());
            if (end - start > room) {
                position = start + room;
                return new Line(concat(gathered, start, position), true);
            }
            if (newline >= 0) {
                position = newline + 1; // past the newline itself
                return new Line(concat(gathered, start, newline), false);
            }
            if (gathered == null) {
                gathered = new ByteArrayOutputStream(Math.min(maxLineBytes, 2 * buffer.length));
            }
            gathered.write(buffer, start, end - start);
            position = limit;
        }
    }

    /** What was gathered so far, if anything, followed by {@code buffer[from, to)}. */
    private byte[] concat(ByteArrayOutputStream gathered, int from, int to) {
        if (gathered == null) {
            return Arrays.copyOfRange(buffer, from, to);
        }
        gathered.write(buffer, from, to - from);
        return gathered.toByteArray();
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
