package io.microtvm.rpc.framing;

import java.io.ByteArrayOutputStream;

/**
 * Turns session payloads into wire frames (docs/microtvm-rpc.md, "Frame layout" and "Sending
 * frames"): {@code [FE] FF FD esc(u32le LEN) esc(payload) esc(u16le CRC)}, where only 0xFF is
 * escaped (as FF FF) and the CRC covers the escaped bytes from the FF FD marker through the
 * payload. The single FE is sent before the first frame only, as TVM's framer does: it ends any
 * half received escape on the other side.
 */
public final class Framer {
    public static final int ESCAPE = 0xFF;
    public static final int NOP = 0xFE;
    public static final int PACKET_START = 0xFD;

    private boolean first = true;

    /** The wire bytes of one frame carrying {@code payload}; the first call adds the FE preamble. */
    public byte[] frame(byte[] payload) {
        boolean preamble = first;
        first = false;
        return encode(payload, preamble);
    }

    /** The wire bytes of a frame, with or without the FE preamble. */
    public static byte[] encode(byte[] payload, boolean preamble) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + payload.length / 64 + 16);
        if (preamble) {
            out.write(NOP);
        }
        out.write(ESCAPE);
        out.write(PACKET_START);
        int length = payload.length;
        for (int i = 0; i < 4; i++) {
            escaped(out, (length >>> (8 * i)) & 0xFF);
        }
        for (byte b : payload) {
            escaped(out, b & 0xFF);
        }
        byte[] covered = out.toByteArray();
        int crc = Crc16Ccitt.update(Crc16Ccitt.INITIAL, covered, preamble ? 1 : 0, covered.length - (preamble ? 1 : 0));
        escaped(out, crc & 0xFF);
        escaped(out, (crc >>> 8) & 0xFF);
        return out.toByteArray();
    }

    private static void escaped(ByteArrayOutputStream out, int b) {
        out.write(b);
        if (b == ESCAPE) {
            out.write(ESCAPE);
        }
    }
}
