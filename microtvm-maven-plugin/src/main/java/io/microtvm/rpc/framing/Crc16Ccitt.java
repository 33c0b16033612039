package io.microtvm.rpc.framing;

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR), the checksum of
 * microTVM RPC frames (docs/microtvm-rpc.md, "CRC"). Check value of ASCII "123456789": 0x29B1.
 */
public final class Crc16Ccitt {
    public static final int INITIAL = 0xFFFF;
    private static final int[] TABLE = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
            TABLE[b] = crc;
        }
    }

    private Crc16Ccitt() {
    }

    /** The CRC after feeding one more byte to a running {@code crc}. */
    public static int update(int crc, int b) {
        return ((crc << 8) & 0xFFFF) ^ TABLE[((crc >>> 8) ^ b) & 0xFF];
    }

    public static int update(int crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = update(crc, data[i]);
        }
        return crc;
    }

    public static int of(byte[] data) {
        return update(INITIAL, data, 0, data.length);
    }
}
