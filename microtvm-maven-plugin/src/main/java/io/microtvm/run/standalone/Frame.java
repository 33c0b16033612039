package io.microtvm.run.standalone;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One frame of the standalone protocol ({@code docs/standalone-protocol.md}), little-endian:
 * {@code FA CE | type u8 | seq u8 | length u16 | header check u16 | payload | CRC-32 u32}. The header
 * check is the low 16 bits of the CRC-32 of type, seq and length; the final CRC-32 covers
 * everything from type to the end of the payload.
 *
 * @param type    the frame type, 0..255 (kept as a number: a newer device may send types this
 *                host does not know)
 * @param seq     the request's sequence number, 0..255; a reply carries its request's
 * @param payload 0..65535 bytes
 */
public record Frame(int type, int seq, byte[] payload) {
    public static final byte SYNC_0 = (byte) 0xFA;
    public static final byte SYNC_1 = (byte) 0xCE;
    /** Sync, type, seq, length and header check. */
    public static final int HEADER_BYTES = 8;
    public static final int CRC_BYTES = 4;
    /** The most the 16-bit length field can announce. */
    public static final int MAX_PAYLOAD = 0xFFFF;
    /** The type of the device's ERROR reply. */
    public static final int ERROR_TYPE = 0xFF;

    public Frame {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("frame type must be 0..255: " + type);
        }
        if (seq < 0 || seq > 0xFF) {
            throw new IllegalArgumentException("frame seq must be 0..255: " + seq);
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("frame payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The bytes on the wire. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length + CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put(SYNC_0).put(SYNC_1).put((byte) type).put((byte) seq).putShort((short) payload.length);
        out.putShort((short) headerCheck(out.array(), 2));
        out.put(payload);
        out.putInt((int) crc32(out.array(), 2, HEADER_BYTES - 2 + payload.length));
        return out.array();
    }

    /** The header check of the 4 bytes type, seq, length starting at {@code offset}. */
    static int headerCheck(byte[] bytes, int offset) {
        return (int) (crc32(bytes, offset, 4) & 0xFFFF);
    }

    /** CRC-32 (Ethernet/zlib: reflected 0xEDB88320, init and final XOR 0xFFFFFFFF) of a byte range. */
    public static long crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    // a record compares arrays by identity; frames are values

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.type == type && f.seq == seq && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return (type * 31 + seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("Frame[type=0x%02X, seq=%d, payload=%s]", type, seq, HexFormat.of().formatHex(payload));
    }
}
