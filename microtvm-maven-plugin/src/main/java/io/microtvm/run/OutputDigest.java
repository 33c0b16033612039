package io.microtvm.run;

import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The digest a standalone device (protocol 1.1) reports with each run, computed the same way on
 * the host: CRC-32 (Ethernet/zlib, the standalone protocol's frame CRC) of every output's bytes,
 * the outputs one after the other in model order.
 */
public final class OutputDigest {

    private OutputDigest() {
    }

    /** The digest of {@code outputs}, in model order. */
    public static long of(List<byte[]> outputs) {
        CRC32 crc = new CRC32();
        outputs.forEach(crc::update);
        return crc.getValue();
    }

    /** The CRC-32 of one tensor's bytes. */
    public static long of(byte[] tensor) {
        CRC32 crc = new CRC32();
        crc.update(tensor);
        return crc.getValue();
    }

    /** {@code 0x1a2b3c4d}: eight hex digits, as digests are written in messages and reports. */
    public static String format(long digest) {
        return String.format(Locale.ROOT, "0x%08x", digest);
    }
}
