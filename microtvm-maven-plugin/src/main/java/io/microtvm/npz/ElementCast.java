package io.microtvm.npz;

/**
 * Conversions between Java numbers and the bit pattern of one element of a {@link DType}, following
 * numpy's {@code astype} where numpy's result is defined. Bit patterns travel as the low
 * {@code itemSize * 8} bits of a {@code long}.
 *
 * <ul>
 *   <li>integer to integer: two's complement wrap-around (keep the low bits), as numpy's C casts
 *       do: 300 → int8 44, -1 → uint8 255, -1 → uint64 2^64-1;
 *   <li>floating point to integer: truncation toward zero (-1.7 → -1); NaN, infinities and values
 *       whose truncation lies outside the target's range are rejected, because numpy's result for
 *       those is platform-dependent (it warns "invalid value encountered in cast");
 *   <li>to floating point: nearest value, ties to even, overflow to infinity;
 *   <li>to bool: nonzero (and NaN) is true.
 * </ul>
 */
final class ElementCast {

    private static final double TWO_POW_63 = 0x1p63;
    private static final double TWO_POW_64 = 0x1p64;

    private ElementCast() {
    }

    /** The bits of {@code value} cast to {@code type}. */
    static long bitsOfDouble(DType type, double value) {
        switch (type) {
            case BOOL:
                return value != 0 || Double.isNaN(value) ? 1 : 0;
            case FLOAT16:
                return Half.fromDouble(value);
            case FLOAT32:
                return Float.floatToRawIntBits((float) value) & 0xffffffffL;
            case FLOAT64:
                return Double.doubleToRawLongBits(value);
            case UINT64:
                return uint64BitsOfDouble(value);
            default:
                return integerBitsOfDouble(type, value);
        }
    }

    /** The bits of {@code value} cast to {@code type}. */
    static long bitsOfLong(DType type, long value) {
        switch (type) {
            case BOOL:
                return value != 0 ? 1 : 0;
            case FLOAT16:
                return Half.fromDouble((double) value);
            case FLOAT32:
                // long to float rounds once, to nearest (JLS 5.1.2); going through double could round twice
                return Float.floatToRawIntBits((float) value) & 0xffffffffL;
            case FLOAT64:
                return Double.doubleToRawLongBits((double) value);
            default:
                return value;
        }
    }

    /** The value of an element with bits {@code bits}; uint64 values above 2^63 stay positive. */
    static double toDouble(DType type, long bits) {
        switch (type) {
            case FLOAT16:
                return Half.toDouble((int) bits);
            case FLOAT32:
                return Float.intBitsToFloat((int) bits);
            case FLOAT64:
                return Double.longBitsToDouble(bits);
            case UINT64:
                return bits >= 0 ? (double) bits : (double) (bits >>> 1 | (bits & 1)) * 2.0;
            default:
                return (double) toLong(type, bits);
        }
    }

    /**
     * The value of an element of an integer or bool type with bits {@code bits}: sign-extended for
     * signed types, zero-extended for unsigned ones. uint64 values above 2^63 come back as their
     * two's complement bit pattern (negative); {@link Long#toUnsignedString(long)} prints them.
     */
    static long toLong(DType type, long bits) {
        int unusedBits = 64 - type.itemSize() * 8;
        if (type.isSignedInteger()) {
            return bits << unusedBits >> unusedBits;
        }
        return unusedBits == 0 ? bits : bits & (-1L >>> unusedBits);
    }

    private static long integerBitsOfDouble(DType type, double value) {
        double truncated = truncate(type, value);
        int bitCount = type.itemSize() * 8;
        double min = type.isSignedInteger() ? -Math.scalb(1.0, bitCount - 1) : 0;
        double end = type.isSignedInteger() ? Math.scalb(1.0, bitCount - 1) : Math.scalb(1.0, bitCount);
        if (truncated < min || truncated >= end) {
            throw outOfRange(type, value);
        }
        return (long) truncated;
    }

    private static long uint64BitsOfDouble(double value) {
        double truncated = truncate(DType.UINT64, value);
        if (truncated < 0 || truncated >= TWO_POW_64) {
            throw outOfRange(DType.UINT64, value);
        }
        // (long) saturates at 2^63-1, so the upper half is shifted down first and its bit put back
        return truncated < TWO_POW_63 ? (long) truncated : (long) (truncated - TWO_POW_63) | Long.MIN_VALUE;
    }

    private static double truncate(DType type, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("cannot cast " + value + " to " + type
                    + ": numpy's result for NaN and infinities is platform-dependent");
        }
        return value < 0 ? Math.ceil(value) : Math.floor(value);
    }

    private static IllegalArgumentException outOfRange(DType type, double value) {
        return new IllegalArgumentException("cannot cast " + value + " to " + type
                + ": out of range (numpy's result there is platform-dependent); cast from a long to wrap around");
    }
}
