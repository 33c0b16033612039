package io.microtvm.projectapi;

import java.util.Arrays;

/**
 * The base85 flavour transport payloads travel in (docs/project-api.md, "Transport data in
 * base85"): Python's {@code base64.b85encode}, which uses the RFC 1924 alphabet. Not Ascii85 and
 * not Z85, whose alphabets differ.
 */
public final class Base85 {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~".toCharArray();
    private static final int[] DIGITS = new int[128];

    static {
        Arrays.fill(DIGITS, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGITS[ALPHABET[i]] = i;
        }
    }

    private Base85() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 3) / 4 * 5);
        char[] group = new char[5];
        for (int i = 0; i < data.length; i += 4) {
            long word = 0;
            for (int j = 0; j < 4; j++) {
                // a short last group is padded with zero bytes...
                word = (word << 8) | (i + j < data.length ? data[i + j] & 0xff : 0);
            }
            for (int k = 4; k >= 0; k--) {
                group[k] = ALPHABET[(int) (word % 85)];
                word /= 85;
            }
            // ...and loses one character per padding byte
            int present = Math.min(4, data.length - i);
            out.append(group, 0, present + 1);
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException for characters outside the alphabet, a length no encoder
     *                                  produces (one character past a full group), or a group
     *                                  above 2^32-1
     */
    public static byte[] decode(String text) {
        int length = text.length();
        if (length % 5 == 1) {
            throw new IllegalArgumentException("not base85: a length of " + length
                    + " leaves a single character in the last group");
        }
        int padding = (5 - length % 5) % 5;
        byte[] out = new byte[(length + padding) / 5 * 4 - padding];
        int o = 0;
        for (int i = 0; i < length; i += 5) {
            long word = 0;
            for (int k = 0; k < 5; k++) {
                // pad with the highest digit so the kept bytes come out unchanged
                int digit = i + k < length ? digit(text, i + k) : 84;
                word = word * 85 + digit;
            }
            if (word > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not base85: the group at position " + i + " ('"
                        + text.substring(i, Math.min(length, i + 5)) + "') exceeds 2^32-1");
            }
            int bytes = Math.min(4, out.length - o);
            for (int b = 0; b < bytes; b++) {
                out[o++] = (byte) (word >>> (24 - 8 * b));
            }
        }
        return out;
    }

    private static int digit(String text, int index) {
        char c = text.charAt(index);
        int d = c < DIGITS.length ? DIGITS[c] : -1;
        if (d < 0) {
            throw new IllegalArgumentException("not base85: character '" + c + "' (U+"
                    + String.format("%04X", (int) c) + ") at position " + index);
        }
        return d;
    }
}
