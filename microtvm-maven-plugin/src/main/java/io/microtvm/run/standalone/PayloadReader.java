package io.microtvm.run.standalone;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the little-endian fields of a reply payload; running short is a {@link BadReplyException}. */
final class PayloadReader {
    private final ByteBuffer in;
    private final String what;

    /** @param what the payload, for messages: "the HELLO reply from ..." */
    PayloadReader(byte[] payload, String what) {
        this.in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    int u8(String field) throws BadReplyException {
        need(1, field);
        return in.get() & 0xFF;
    }

    int u16(String field) throws BadReplyException {
        need(2, field);
        return in.getShort() & 0xFFFF;
    }

    long u32(String field) throws BadReplyException {
        need(4, field);
        return in.getInt() & 0xFFFF_FFFFL;
    }

    int i32(String field) throws BadReplyException {
        need(4, field);
        return in.getInt();
    }

    /** A u64; values of 2^63 and more come back negative. */
    long u64(String field) throws BadReplyException {
        need(8, field);
        return in.getLong();
    }

    byte[] bytes(int count, String field) throws BadReplyException {
        need(count, field);
        byte[] out = new byte[count];
        in.get(out);
        return out;
    }

    /** A u16 byte count and that many bytes of UTF-8. */
    String text(String field) throws BadReplyException {
        int length = u16(field + " length");
        return new String(bytes(length, field), StandardCharsets.UTF_8);
    }

    /** Bytes not read yet: fields a later minor version appended, for a reader that knows them. */
    int remaining() {
        return in.remaining();
    }

    private void need(int count, String field) throws BadReplyException {
        if (in.remaining() < count) {
            throw new BadReplyException(what + " ends inside " + field + " (after " + in.position() + " of "
                    + in.limit() + " bytes)");
        }
    }
}
