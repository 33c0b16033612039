package io.microtvm.npz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array as numpy holds one: a {@link DType}, a shape (empty for a 0-d
 * scalar; zero-length dimensions allowed) and the elements as little-endian bytes in C order (last
 * index varies fastest). Equality is by value: same dtype, shape and bytes (so {@code 0.0} and
 * {@code -0.0} differ and a NaN equals the same NaN bit pattern).
 *
 * <p>The factories that convert numbers follow numpy's {@code astype} as described in
 * {@link ElementCast}: wrap-around between integer types, truncation toward zero from floating
 * point, and rejection where numpy's result is platform-dependent.
 */
public final class NdArray {

    private static final int VALUES_SHOWN = 6;

    /**
     * The most element bytes an array holds: Java byte arrays end just below 2 GiB. Readers reject
     * larger declared sizes before allocating anything.
     */
    public static final int MAX_BYTE_COUNT = Integer.MAX_VALUE - 8;

    private final DType dtype;
    private final long[] shape;
    private final byte[] data;

    // Takes ownership of both arrays: callers pass fresh or never-modified ones.
    private NdArray(DType dtype, long[] shape, byte[] data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape;
        this.data = data;
        int expected = byteCount(dtype, shape);
        if (data.length != expected) {
            throw new IllegalArgumentException("data has " + data.length + " bytes; " + dtype + " of shape "
                    + Shapes.format(shape) + " needs " + expected);
        }
    }

    /**
     * An array over a copy of {@code littleEndianData} (C order).
     *
     * @throws IllegalArgumentException if a dimension is negative, the data would exceed
     *     {@link #MAX_BYTE_COUNT}, or its length is not the element count times the item size
     */
    public static NdArray of(DType dtype, long[] shape, byte[] littleEndianData) {
        return new NdArray(dtype, shape.clone(), littleEndianData.clone());
    }

    /** For the readers, which build fresh arrays: no copies. */
    static NdArray wrap(DType dtype, long[] shape, byte[] data) {
        return new NdArray(dtype, shape, data);
    }

    /** An array of zeros (false for bool). */
    public static NdArray zeros(DType dtype, long... shape) {
        return new NdArray(dtype, shape.clone(), new byte[byteCount(dtype, shape)]);
    }

    /**
     * An array of {@code values} in C order, each cast to {@code dtype} (floating point to integer
     * truncates toward zero; NaN, infinities and out-of-range values are rejected for integer types).
     *
     * @throws IllegalArgumentException if the value count does not match the shape or a value can
     *     not be cast
     */
    public static NdArray ofDoubles(DType dtype, long[] shape, double... values) {
        ByteBuffer out = bufferFor(dtype, shape, values.length);
        for (double value : values) {
            putBits(out, dtype, ElementCast.bitsOfDouble(dtype, value));
        }
        return new NdArray(dtype, shape.clone(), out.array());
    }

    /**
     * An array of {@code values} in C order, each cast to {@code dtype}; integer types keep the low
     * bits (two's complement wrap-around, like numpy: 300 → int8 44, -1 → uint8 255).
     *
     * @throws IllegalArgumentException if the value count does not match the shape
     */
    public static NdArray ofLongs(DType dtype, long[] shape, long... values) {
        ByteBuffer out = bufferFor(dtype, shape, values.length);
        for (long value : values) {
            putBits(out, dtype, ElementCast.bitsOfLong(dtype, value));
        }
        return new NdArray(dtype, shape.clone(), out.array());
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape; empty for a 0-d scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Product of the dimensions: 1 for a scalar, 0 if any dimension is 0. */
    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    /** A copy of the elements as little-endian bytes in C order. */
    public byte[] data() {
        return data.clone();
    }

    /** The elements as a read-only little-endian view, without copying. */
    public ByteBuffer dataBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes of element data: element count times item size. */
    public int byteCount() {
        return data.length;
    }

    /**
     * Element {@code flatIndex} (C order) as a double, for every dtype: bool as 0 or 1, uint64
     * unsigned, int64 and uint64 rounded to the nearest double.
     */
    public double getDouble(long flatIndex) {
        return ElementCast.toDouble(dtype, bitsAt(flatIndex));
    }

    /**
     * Element {@code flatIndex} (C order) of an integer or bool array. uint64 values above 2^63
     * come back as their bit pattern, i.e. negative; print them with
     * {@link Long#toUnsignedString(long)}.
     *
     * @throws IllegalStateException for floating-point arrays; use {@link #getDouble(long)}
     */
    public long getLong(long flatIndex) {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException("a " + dtype + " array has no integer elements; use getDouble");
        }
        return ElementCast.toLong(dtype, bitsAt(flatIndex));
    }

    /**
     * The same elements with another shape of the same element count (no {@code -1} inference).
     *
     * @throws IllegalArgumentException if the element counts differ
     */
    public NdArray reshape(long... newShape) {
        long count = Shapes.elementCount(newShape);
        if (count != elementCount()) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.format(shape) + " (" + elementCount()
                    + " elements) to " + Shapes.format(newShape) + " (" + count + " elements)");
        }
        // the bytes are never modified, so sharing them is safe
        return new NdArray(dtype, newShape.clone(), data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NdArray
                && dtype == ((NdArray) other).dtype
                && Arrays.equals(shape, ((NdArray) other).shape)
                && Arrays.equals(data, ((NdArray) other).data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    /** E.g. {@code NdArray[float32 (2, 3): 0.5, 1.0, -2.0, 0.0, 3.25, 7.0]}, at most 6 values then "…". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("NdArray[").append(dtype).append(' ').append(Shapes.format(shape))
                .append(':');
        long count = elementCount();
        for (long i = 0; i < Math.min(count, VALUES_SHOWN); i++) {
            text.append(i == 0 ? " " : ", ").append(formatElement(i));
        }
        if (count > VALUES_SHOWN) {
            text.append(", … (").append(count).append(" values)");
        }
        return text.append(']').toString();
    }

    private String formatElement(long flatIndex) {
        switch (dtype) {
            case BOOL:
                return getLong(flatIndex) != 0 ? "True" : "False";
            case UINT64:
                return Long.toUnsignedString(getLong(flatIndex));
            case FLOAT16:
            case FLOAT32:
                // shortest text that reads back as the same float, not the double's longer digits
                return Float.toString((float) getDouble(flatIndex));
            case FLOAT64:
                return Double.toString(getDouble(flatIndex));
            default:
                return Long.toString(getLong(flatIndex));
        }
    }

    private long bitsAt(long flatIndex) {
        long count = elementCount();
        if (flatIndex < 0 || flatIndex >= count) {
            throw new IndexOutOfBoundsException("index " + flatIndex + " is outside an array of " + count
                    + " elements, shape " + Shapes.format(shape));
        }
        int offset = (int) flatIndex * dtype.itemSize();
        long bits = 0;
        for (int i = dtype.itemSize() - 1; i >= 0; i--) {
            bits = bits << 8 | (data[offset + i] & 0xff);
        }
        return bits;
    }

    private static ByteBuffer bufferFor(DType dtype, long[] shape, int valueCount) {
        long count = Shapes.elementCount(shape);
        if (count != valueCount) {
            throw new IllegalArgumentException(valueCount + " values given for shape " + Shapes.format(shape)
                    + ", which holds " + count);
        }
        return ByteBuffer.allocate(byteCount(dtype, shape)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putBits(ByteBuffer out, DType dtype, long bits) {
        for (int i = 0; i < dtype.itemSize(); i++) {
            out.put((byte) (bits >>> (8 * i)));
        }
    }

    /**
     * Bytes of element data for {@code shape}.
     *
     * @throws IllegalArgumentException if a dimension is negative or the size exceeds {@link #MAX_BYTE_COUNT}
     */
    static int byteCount(DType dtype, long[] shape) {
        long count = Shapes.elementCount(shape);
        if (count > MAX_BYTE_COUNT / dtype.itemSize()) {
            throw new IllegalArgumentException(dtype + " of shape " + Shapes.format(shape)
                    + " needs more than " + MAX_BYTE_COUNT + " bytes, the most an array holds");
        }
        return (int) count * dtype.itemSize();
    }
}
