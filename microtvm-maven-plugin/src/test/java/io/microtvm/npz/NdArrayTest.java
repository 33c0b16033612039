package io.microtvm.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    private static long[] shape(long... dimensions) {
        return dimensions;
    }

    @Test
    void holdsLittleEndianCOrderBytes() {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
        NdArray array = NdArray.of(DType.FLOAT32, shape(2, 1), bytes);

        assertThat(array.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(array.shape()).containsExactly(2, 1);
        assertThat(array.rank()).isEqualTo(2);
        assertThat(array.elementCount()).isEqualTo(2);
        assertThat(array.byteCount()).isEqualTo(8);
        assertThat(array.data()).isEqualTo(bytes);
        assertThat(array.getDouble(0)).isEqualTo(1.5);
        assertThat(array.getDouble(1)).isEqualTo(-2.0);
        assertThat(array.dataBuffer().order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(array.dataBuffer().isReadOnly()).isTrue();
    }

    @Test
    void copiesWhatItIsGivenAndWhatItHandsOut() {
        byte[] bytes = {1, 2};
        long[] shape = {2};
        NdArray array = NdArray.of(DType.INT8, shape, bytes);
        bytes[0] = 9;
        shape[0] = 7;
        array.data()[1] = 9;
        array.shape()[0] = 7;

        assertThat(array.data()).containsExactly(1, 2);
        assertThat(array.shape()).containsExactly(2);
    }

    @Test
    void rejectsDataOfTheWrongLength() {
        assertThatThrownBy(() -> NdArray.of(DType.FLOAT32, shape(2, 3), new byte[23]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data has 23 bytes; float32 of shape (2, 3) needs 24");
    }

    @Test
    void rejectsNegativeDimensionsAndSizesNoByteArrayHolds() {
        assertThatThrownBy(() -> NdArray.zeros(DType.INT8, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape (-1,) has a negative dimension");
        assertThatThrownBy(() -> NdArray.zeros(DType.FLOAT64, 1L << 28, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("float64 of shape (268435456, 8) needs more than 2147483639 bytes, the most an array holds");
        assertThatThrownBy(() -> NdArray.zeros(DType.INT8, 1L << 40, 1L << 40))
                .hasMessage("shape (1099511627776, 1099511627776) has more than 2^63 elements");
    }

    @Test
    void scalarsHaveOneElementAndEmptyArraysNone() {
        NdArray scalar = NdArray.ofDoubles(DType.FLOAT64, shape(), 2.5);
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.elementCount()).isEqualTo(1);
        assertThat(scalar.getDouble(0)).isEqualTo(2.5);
        assertThat(scalar).hasToString("NdArray[float64 (): 2.5]");

        NdArray empty = NdArray.zeros(DType.INT32, 0);
        assertThat(empty.elementCount()).isZero();
        assertThat(empty.byteCount()).isZero();
        assertThat(empty).hasToString("NdArray[int32 (0,):]");
        // a zero dimension empties the array even when the others would overflow
        assertThat(NdArray.zeros(DType.INT8, 1L << 40, 0, 1L << 40).elementCount()).isZero();
    }

    @Test
    void zerosAreZeroInEveryType() {
        for (DType type : DType.values()) {
            NdArray zeros = NdArray.zeros(type, 2, 3);
            assertThat(zeros.byteCount()).isEqualTo(6 * type.itemSize());
            assertThat(zeros.getDouble(5)).isZero();
        }
    }

    @Test
    void floatToIntegerTruncatesTowardZeroLikeAstype() {
        NdArray array = NdArray.ofDoubles(DType.INT32, shape(6), 2.9, -2.9, -0.5, 0.5, 2147483647.9, -2147483648.9);
        assertThat(longs(array)).containsExactly(2, -2, 0, 0, 2147483647, -2147483648);

        NdArray unsigned = NdArray.ofDoubles(DType.UINT8, shape(3), 255.9, 0.0, -0.9);
        assertThat(longs(unsigned)).containsExactly(255, 0, 0);
    }

    @Test
    void floatToIntegerRejectsWhatNumpyLeavesToThePlatform() {
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.INT8, shape(1), 128.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot cast 128.0 to int8: out of range (numpy's result there is platform-dependent);"
                        + " cast from a long to wrap around");
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.UINT8, shape(1), -1.0))
                .hasMessageStartingWith("cannot cast -1.0 to uint8: out of range");
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.INT64, shape(1), 0x1p63))
                .hasMessageStartingWith("cannot cast 9.223372036854776E18 to int64: out of range");
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.UINT64, shape(1), 0x1p64))
                .hasMessageStartingWith("cannot cast 1.8446744073709552E19 to uint64: out of range");
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.INT16, shape(1), Double.NaN))
                .hasMessage("cannot cast NaN to int16: numpy's result for NaN and infinities is platform-dependent");
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.INT16, shape(1), Double.NEGATIVE_INFINITY))
                .hasMessageStartingWith("cannot cast -Infinity to int16");
    }

    @Test
    void doublesReachTheWholeRangeOfTheWideIntegers() {
        NdArray int64 = NdArray.ofDoubles(DType.INT64, shape(2), -0x1p63, 0x1p62);
        assertThat(longs(int64)).containsExactly(Long.MIN_VALUE, 1L << 62);

        NdArray uint64 = NdArray.ofDoubles(DType.UINT64, shape(2), 0x1p63, 0x1p64 - 0x1p11);
        assertThat(Long.toUnsignedString(uint64.getLong(0))).isEqualTo("9223372036854775808");
        assertThat(Long.toUnsignedString(uint64.getLong(1))).isEqualTo("18446744073709549568");
        assertThat(uint64.getDouble(1)).isEqualTo(0x1p64 - 0x1p11);
    }

    @Test
    void integerToIntegerWrapsAroundLikeNumpysCCast() {
        assertThat(longs(NdArray.ofLongs(DType.INT8, shape(4), 127, 128, 300, -129))).containsExactly(127, -128, 44, 127);
        assertThat(longs(NdArray.ofLongs(DType.UINT8, shape(2), -1, 256))).containsExactly(255, 0);
        assertThat(longs(NdArray.ofLongs(DType.INT16, shape(1), 40000))).containsExactly(-25536);
        assertThat(longs(NdArray.ofLongs(DType.UINT16, shape(1), -1))).containsExactly(65535);
        assertThat(longs(NdArray.ofLongs(DType.INT32, shape(1), 1L << 31))).containsExactly(Integer.MIN_VALUE);
        assertThat(longs(NdArray.ofLongs(DType.UINT32, shape(1), -1))).containsExactly(4294967295L);

        NdArray uint64 = NdArray.ofLongs(DType.UINT64, shape(1), -1);
        assertThat(Long.toUnsignedString(uint64.getLong(0))).isEqualTo("18446744073709551615");
        assertThat(uint64.getDouble(0)).isEqualTo(0x1p64);
        assertThat(uint64).hasToString("NdArray[uint64 (1,): 18446744073709551615]");
    }

    @Test
    void castsToBoolByNonZero() {
        assertThat(longs(NdArray.ofDoubles(DType.BOOL, shape(4), 0.0, -0.0, 0.1, Double.NaN))).containsExactly(0, 0, 1, 1);
        assertThat(longs(NdArray.ofLongs(DType.BOOL, shape(3), 0, 2, -1))).containsExactly(0, 1, 1);
        assertThat(NdArray.ofLongs(DType.BOOL, shape(2), 0, 5).data()).containsExactly(0, 1);
    }

    @Test
    void castsToFloatingPointByRoundingToNearest() {
        NdArray float32 = NdArray.ofDoubles(DType.FLOAT32, shape(3), 0.1, 1e39, -1e39);
        assertThat(float32.getDouble(0)).isEqualTo((double) 0.1f);
        assertThat(float32.getDouble(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(float32.getDouble(2)).isEqualTo(Double.NEGATIVE_INFINITY);

        // 2^60 + 2^36 + 1 is just above the float halfway point; via double the +1 is lost and it ties down
        long justAboveHalfway = (1L << 60) + (1L << 36) + 1;
        assertThat(NdArray.ofLongs(DType.FLOAT32, shape(1), justAboveHalfway).getDouble(0))
                .isEqualTo(0x1p60 + 0x1p37);

        assertThat(NdArray.ofLongs(DType.FLOAT64, shape(1), 3).getDouble(0)).isEqualTo(3.0);
        assertThat(NdArray.ofLongs(DType.FLOAT16, shape(2), 2049, 70000).data())
                .containsExactly(0x00, 0x68, 0x00, 0x7c);
    }

    @Test
    void readsElementsOfEveryTypeAsDoubles() {
        assertThat(NdArray.of(DType.INT8, shape(1), new byte[] {(byte) 0xff}).getDouble(0)).isEqualTo(-1.0);
        assertThat(NdArray.of(DType.UINT8, shape(1), new byte[] {(byte) 0xff}).getDouble(0)).isEqualTo(255.0);
        assertThat(NdArray.of(DType.INT16, shape(1), new byte[] {0x00, (byte) 0x80}).getDouble(0)).isEqualTo(-32768.0);
        assertThat(NdArray.of(DType.UINT16, shape(1), new byte[] {0x00, (byte) 0x80}).getDouble(0)).isEqualTo(32768.0);
        assertThat(NdArray.of(DType.INT32, shape(1), new byte[] {1, 0, 0, (byte) 0x80}).getDouble(0))
                .isEqualTo(-2147483647.0);
        assertThat(NdArray.of(DType.UINT32, shape(1), new byte[] {1, 0, 0, (byte) 0x80}).getDouble(0))
                .isEqualTo(2147483649.0);
        assertThat(NdArray.of(DType.FLOAT16, shape(1), new byte[] {0x00, 0x3c}).getDouble(0)).isEqualTo(1.0);
        assertThat(NdArray.of(DType.BOOL, shape(1), new byte[] {1}).getDouble(0)).isEqualTo(1.0);
        assertThat(NdArray.ofDoubles(DType.FLOAT64, shape(1), Math.PI).getDouble(0)).isEqualTo(Math.PI);
        assertThat(NdArray.ofLongs(DType.INT64, shape(1), Long.MIN_VALUE).getDouble(0)).isEqualTo(-0x1p63);
    }

    @Test
    void getLongIsForIntegerAndBoolArraysOnly() {
        assertThat(NdArray.ofLongs(DType.BOOL, shape(1), 1).getLong(0)).isEqualTo(1);
        assertThatThrownBy(() -> NdArray.zeros(DType.FLOAT16, 1).getLong(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a float16 array has no integer elements; use getDouble");
    }

    @Test
    void rejectsIndicesOutsideTheArray() {
        NdArray array = NdArray.zeros(DType.INT16, 2, 3);
        assertThatThrownBy(() -> array.getDouble(6))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 6 is outside an array of 6 elements, shape (2, 3)");
        assertThatThrownBy(() -> array.getLong(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsValueCountsThatDoNotFitTheShape() {
        assertThatThrownBy(() -> NdArray.ofDoubles(DType.FLOAT32, shape(2, 2), 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 values given for shape (2, 2), which holds 4");
        assertThatThrownBy(() -> NdArray.ofLongs(DType.INT8, shape(), 1, 2))
                .hasMessage("2 values given for shape (), which holds 1");
    }

    @Test
    void reshapeKeepsTheElementsInCOrder() {
        NdArray array = NdArray.ofLongs(DType.INT16, shape(2, 3), 1, 2, 3, 4, 5, 6);
        NdArray reshaped = array.reshape(3, 2);

        assertThat(reshaped.shape()).containsExactly(3, 2);
        assertThat(reshaped.data()).isEqualTo(array.data());
        assertThat(array.reshape(6).reshape(1, 2, 3, 1).shape()).containsExactly(1, 2, 3, 1);
        assertThat(NdArray.ofLongs(DType.INT8, shape(1, 1), 7).reshape().shape()).isEmpty();
        assertThatThrownBy(() -> array.reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reshape (2, 3) (6 elements) to (4, 2) (8 elements)");
    }

    @Test
    void equalityIsByDtypeShapeAndBytes() {
        NdArray a = NdArray.ofLongs(DType.INT32, shape(2, 2), 1, 2, 3, 4);

        assertThat(a).isEqualTo(NdArray.ofDoubles(DType.INT32, shape(2, 2), 1, 2, 3, 4));
        assertThat(a.hashCode()).isEqualTo(NdArray.ofLongs(DType.INT32, shape(2, 2), 1, 2, 3, 4).hashCode());
        assertThat(a).isNotEqualTo(a.reshape(4));
        assertThat(a).isNotEqualTo(NdArray.ofLongs(DType.UINT32, shape(2, 2), 1, 2, 3, 4));
        assertThat(a).isNotEqualTo(NdArray.ofLongs(DType.INT32, shape(2, 2), 1, 2, 3, 5));
        assertThat(NdArray.ofDoubles(DType.FLOAT32, shape(1), 0.0))
                .isNotEqualTo(NdArray.ofDoubles(DType.FLOAT32, shape(1), -0.0));
        assertThat(NdArray.ofDoubles(DType.FLOAT32, shape(1), Double.NaN))
                .isEqualTo(NdArray.ofDoubles(DType.FLOAT32, shape(1), Double.NaN));
    }

    @Test
    void toStringShowsDtypeShapeAndTheFirstValues() {
        assertThat(NdArray.ofDoubles(DType.FLOAT32, shape(2, 3), 0.1, 1, -2, 0, 3.25, 7))
                .hasToString("NdArray[float32 (2, 3): 0.1, 1.0, -2.0, 0.0, 3.25, 7.0]");
        assertThat(NdArray.ofLongs(DType.INT8, shape(1, 8), 1, 2, 3, 4, 5, 6, 7, 8))
                .hasToString("NdArray[int8 (1, 8): 1, 2, 3, 4, 5, 6, … (8 values)]");
        assertThat(NdArray.ofLongs(DType.BOOL, shape(2), 1, 0)).hasToString("NdArray[bool (2,): True, False]");
        assertThat(NdArray.ofDoubles(DType.FLOAT16, shape(1), 0.1)).hasToString("NdArray[float16 (1,): 0.099975586]");
    }

    private static long[] longs(NdArray array) {
        long[] values = new long[(int) array.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.getLong(i);
        }
        return values;
    }
}
