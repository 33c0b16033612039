package io.microtvm.rpc;

import java.util.HexFormat;

/** Hex strings with spaces, as docs/microtvm-rpc.md writes wire bytes. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
