package io.microtvm.npz;

/**
 * IEEE 754 binary16 (numpy's float16) to and from double; Java 17 has no such conversion. A half
 * has 1 sign bit, 5 exponent bits (bias 15) and 10 fraction bits.
 */
final class Half {

    /** Smallest double that rounds to infinity: halfway between 65504 (largest half) and 65536. */
    private static final double OVERFLOW_THRESHOLD = 65520.0;
    private static final double SMALLEST_NORMAL = 0x1p-14;
    private static final int CANONICAL_NAN = 0x7e00;
    private static final double NEGATIVE_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    private Half() {
    }

    /** The exact value of the half with bit pattern {@code bits} (low 16 bits). */
    static double toDouble(int bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            if (fraction == 0) {
                return sign * Double.POSITIVE_INFINITY;
            }
            // keep the sign, as numpy does; the payload is not kept
            return sign < 0 ? NEGATIVE_NAN : Double.NaN;
        }
        if (exponent == 0) {
            // subnormal (and zero): no implicit leading 1, fixed scale 2^-24
            return sign * Math.scalb((double) fraction, -24);
        }
        return sign * Math.scalb((double) (0x400 | fraction), exponent - 25);
    }

    /**
     * The half nearest to {@code value}, ties to even (IEEE's default, and numpy's), rounded once
     * from the double so no double rounding through float happens. NaN becomes the quiet NaN
     * {@code 0x7e00} with the sign kept.
     */
    static int fromDouble(double value) {
        int sign = (Double.doubleToRawLongBits(value) < 0) ? 0x8000 : 0;
        double magnitude = Math.abs(value);
        if (Double.isNaN(value)) {
            return sign | CANONICAL_NAN;
        }
        if (magnitude >= OVERFLOW_THRESHOLD) {
            return sign | 0x7c00;
        }
        if (magnitude < SMALLEST_NORMAL) {
            // Counting in units of 2^-24; the scaling is exact and Math.rint rounds ties to even.
            // A result of 1024 is the smallest normal, whose bit pattern is that same number.
            return sign | (int) Math.rint(Math.scalb(magnitude, 24));
        }
        int exponent = Math.getExponent(magnitude);
        int significand = (int) Math.rint(Math.scalb(magnitude, 10 - exponent));
        if (significand == 0x800) {
            // rounding carried into the next binade
            significand = 0x400;
            exponent++;
        }
        return sign | ((exponent + 15) << 10) | (significand & 0x3ff);
    }
}
