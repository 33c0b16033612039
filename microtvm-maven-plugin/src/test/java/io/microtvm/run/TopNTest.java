package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import org.junit.jupiter.api.Test;

/** tvmc's --print-top: indices of the largest values, largest first, ties to the lower index. */
class TopNTest {

    private static NdArray f32(double... values) {
        return NdArray.ofDoubles(DType.FLOAT32, new long[] {values.length}, values);
    }

    @Test
    void indicesComeLargestFirst() {
        NdArray scores = f32(0.1, 0.9, 0.5, 0.7, -2.0);

        assertThat(TopN.indices(scores, 3)).containsExactly(1L, 3L, 2L);
        assertThat(TopN.indices(scores, 1)).containsExactly(1L);
    }

    @Test
    void tiesGoToTheLowerIndexFirst() {
        NdArray scores = NdArray.ofLongs(DType.INT32, new long[] {5}, 3, 5, 5, 1, 5);

        assertThat(TopN.indices(scores, 3)).containsExactly(1L, 2L, 4L);
        assertThat(TopN.indices(scores, 4)).containsExactly(1L, 2L, 4L, 0L);
    }

    @Test
    void anNLargerThanTheOutputGivesEveryIndex() {
        assertThat(TopN.indices(f32(0.2, 0.3, 0.1), 10)).containsExactly(1L, 0L, 2L);
        assertThat(TopN.indices(f32(0.2, 0.3, 0.1), 0)).isEmpty();
    }

    @Test
    void indicesAreFlatForMultiDimensionalOutputs() {
        NdArray grid = NdArray.ofDoubles(DType.FLOAT32, new long[] {2, 2}, 0.0, 0.1, 0.9, 0.2);

        assertThat(TopN.indices(grid, 2)).containsExactly(2L, 3L);
    }

    @Test
    void integerOutputsPrintAsIntegers() {
        NdArray scores = NdArray.ofLongs(DType.INT32, new long[] {3}, 3, -7, 12);

        assertThat(TopN.format(scores, 3)).containsExactly("indices: [2 0 1]", "values:  [12 3 -7]");
    }

    @Test
    void unsignedBytesPrintAsTheirUnsignedValue() {
        NdArray scores = NdArray.ofLongs(DType.UINT8, new long[] {2}, 200, 10);

        assertThat(TopN.format(scores, 2)).containsExactly("indices: [0 1]", "values:  [200 10]");
    }

    @Test
    void floatOutputsPrintWithSixSignificantDigits() {
        assertThat(TopN.format(f32(0.25, 0.5, 0.125), 2))
                .containsExactly("indices: [1 0]", "values:  [0.500000 0.250000]");
    }
}
