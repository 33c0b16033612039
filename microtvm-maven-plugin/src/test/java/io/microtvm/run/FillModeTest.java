package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** tvmc's --fill-mode: zeros, ones, and random with its int8 rule. */
class FillModeTest {
    private static final long[] SHAPE = {2, 3};

    private static List<Double> values(NdArray a) {
        return LongStream.range(0, a.elementCount()).mapToObj(a::getDouble).toList();
    }

    @Test
    void parseIgnoresCaseAndSurroundingBlanks() {
        assertThat(FillMode.parse("zeros")).isEqualTo(FillMode.ZEROS);
        assertThat(FillMode.parse("ONES")).isEqualTo(FillMode.ONES);
        assertThat(FillMode.parse(" Random ")).isEqualTo(FillMode.RANDOM);
    }

    @Test
    void parseRejectsAnUnknownModeNamingThePropertyAndTheChoices() {
        assertThatThrownBy(() -> FillMode.parse("gaussian"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gaussian'")
                .hasMessageContaining("The fill mode 'gaussian' is not one of")
                .hasMessageContaining("zeros, ones, random");
    }

    @Test
    void parseRejectsNullWithTheSameMessageRatherThanANullPointerException() {
        assertThatThrownBy(() -> FillMode.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The fill mode 'null' is not one of");
    }

    @Test
    void printsInLowerCaseAsTheUserTypesIt() {
        assertThat(FillMode.RANDOM).hasToString("random");
        assertThat(FillMode.ZEROS).hasToString("zeros");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void zerosGivesExactlyZeroForEveryDtype(DType dtype) {
        NdArray filled = FillMode.ZEROS.fill(dtype, SHAPE, new Random(1));

        assertThat(filled).isEqualTo(NdArray.zeros(dtype, SHAPE));
        assertThat(values(filled)).containsOnly(0.0);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void onesGivesExactlyOneForEveryDtype(DType dtype) {
        NdArray filled = FillMode.ONES.fill(dtype, SHAPE, new Random(1));

        assertThat(filled).isEqualTo(NdArray.ofLongs(dtype, SHAPE, 1, 1, 1, 1, 1, 1));
        assertThat(values(filled)).containsOnly(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8", "uint8"})
    void randomInt8DtypesGetIntegersFrom0To127(String name) {
        DType dtype = DType.fromName(name);
        NdArray filled = FillMode.RANDOM.fill(dtype, new long[] {1000}, new Random(7));

        List<Double> v = values(filled);
        assertThat(filled.dtype()).isEqualTo(dtype);
        assertThat(v).allSatisfy(x -> {
            assertThat(x).isBetween(0.0, 127.0);
            assertThat(x).isEqualTo(Math.rint(x));
        });
        // 1000 draws of randint(128): all below 100 has probability (100/128)^1000, i.e. never
        assertThat(v).anySatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(100.0));
        assertThat(v).anySatisfy(x -> assertThat(x).isLessThan(28.0));
    }

    @Test
    void randomFloat32IsUniformInMinusOneToOne() {
        NdArray filled = FillMode.RANDOM.fill(DType.FLOAT32, new long[] {1000}, new Random(7));

        List<Double> v = values(filled);
        assertThat(v).allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(-1.0).isLessThan(1.0));
        assertThat(v).anySatisfy(x -> assertThat(x).isLessThan(-0.5));
        assertThat(v).anySatisfy(x -> assertThat(x).isGreaterThan(0.5));
        // not the int8 rule: real fractions, not integers
        assertThat(v).anySatisfy(x -> assertThat(x).isNotEqualTo(Math.rint(x)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"int16", "uint16", "int32", "uint32", "int64", "uint64"})
    void randomOtherIntegerDtypesTruncateUniformMinusOneToOneToZero(String name) {
        // numpy: uniform(-1, 1).astype(int) truncates toward zero, so every value in (-1, 1) becomes 0
        DType dtype = DType.fromName(name);
        NdArray filled = FillMode.RANDOM.fill(dtype, new long[] {200}, new Random(7));

        assertThat(filled).isEqualTo(NdArray.zeros(dtype, 200));
    }

    @Test
    void randomBoolIsTrueForEveryNonZeroDraw() {
        // uniform(-1, 1).astype(bool): any nonzero value is True
        NdArray filled = FillMode.RANDOM.fill(DType.BOOL, new long[] {50}, new Random(7));

        assertThat(values(filled)).containsOnly(1.0);
    }

    @Test
    void theSameSeedGivesIdenticalArrays() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.INT8, DType.UINT8, DType.FLOAT64}) {
            NdArray first = FillMode.RANDOM.fill(dtype, new long[] {4, 25}, new Random(42));
            NdArray second = FillMode.RANDOM.fill(dtype, new long[] {4, 25}, new Random(42));
            assertThat(second).as(dtype.numpyName()).isEqualTo(first);
        }
    }

    @Test
    void differentSeedsGiveDifferentArrays() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.INT8, DType.UINT8, DType.FLOAT64}) {
            NdArray first = FillMode.RANDOM.fill(dtype, new long[] {4, 25}, new Random(42));
            NdArray second = FillMode.RANDOM.fill(dtype, new long[] {4, 25}, new Random(43));
            assertThat(second).as(dtype.numpyName()).isNotEqualTo(first);
        }
    }

    @Test
    void everyModeKeepsTheShapeAndDtype() {
        long[][] shapes = {{2, 3, 4}, {}, {0, 5}, {1}};
        for (FillMode mode : FillMode.values()) {
            for (long[] shape : shapes) {
                NdArray filled = mode.fill(DType.FLOAT32, shape, new Random(3));
                assertThat(filled.shape()).as(mode + " " + Arrays.toString(shape)).containsExactly(shape);
                assertThat(filled.dtype()).isEqualTo(DType.FLOAT32);
            }
        }
        assertThat(FillMode.ONES.fill(DType.INT8, new long[] {}, new Random(3)).elementCount()).isEqualTo(1);
        assertThat(FillMode.RANDOM.fill(DType.INT8, new long[] {0, 5}, new Random(3)).elementCount()).isZero();
    }
}
