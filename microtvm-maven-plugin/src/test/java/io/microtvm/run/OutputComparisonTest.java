package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outputs against expected ones: numpy isclose per element, and a message that says where and how much. */
class OutputComparisonTest {
    static final Tolerance DEFAULTS = new Tolerance(null, null);
    static final long[] ROW = {1, 10};

    /** 0, 0.25, ..., 2.25: exact in float32, largest last. */
    private static double[] quarters() {
        double[] v = new double[10];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.25;
        }
        return v;
    }

    private static NdArray f32(long[] shape, double... values) {
        return NdArray.ofDoubles(DType.FLOAT32, shape, values);
    }

    private static NdArray f64(double... values) {
        return NdArray.ofDoubles(DType.FLOAT64, new long[] {values.length}, values);
    }

    private static NdArray i32(long... values) {
        return NdArray.ofLongs(DType.INT32, new long[] {values.length}, values);
    }

    @Test
    void equalIntegerOutputsMatchExactly() {
        OutputCheck c = OutputComparison.compareOne("output_0", i32(3, -1, 7, 0), i32(3, -1, 7, 0), DEFAULTS);

        assertThat(c.passed()).isTrue();
        assertThat(c.name()).isEqualTo("output_0");
        assertThat(c.message()).isEqualTo(
                "output_0: all 4 elements match exactly; max abs error 0, RMSE 0, top-1 agrees (index 2)");
        assertThat(c.maxAbsError()).isZero();
        assertThat(c.rmse()).isZero();
        assertThat(c.top1()).isTrue();
    }

    @Test
    void integerOutputsOffByOneFailByDefault() {
        OutputCheck c = OutputComparison.compareOne("output_0", i32(3, -1, 8, 0), i32(3, -1, 7, 0), DEFAULTS);

        assertThat(c.passed()).isFalse();
        assertThat(c.message()).startsWith("output_0: 1 of 4 elements differ (expected exactly); worst at [2]:"
                + " got 8, expected 7;");
        assertThat(c.maxAbsError()).isEqualTo(1.0);
        assertThat(c.rmse()).isCloseTo(Math.sqrt(1.0 / 4), within(1e-12));
    }

    @Test
    void floatsWithinTheDefaultToleranceMatch() {
        // default: |a - x| <= 1e-5 + 1e-5 * |x|, i.e. 2e-5 at 1, 3e-5 at -2, 1.01e-3 at 100
        NdArray want = f64(1.0, -2.0, 100.0);
        NdArray got = f64(1.0 + 1.5e-5, -2.0 - 2.5e-5, 100.0 + 9e-4);

        OutputCheck c = OutputComparison.compareOne("output_0", got, want, DEFAULTS);

        assertThat(c.passed()).as(c.message()).isTrue();
        assertThat(c.message()).startsWith("output_0: all 3 elements match within atol=0.00001, rtol=0.00001;");
        assertThat(c.maxAbsError()).isCloseTo(9e-4, within(1e-9));
    }

    @Test
    void float32JustOutsideTheDefaultToleranceFails() {
        OutputCheck inside = OutputComparison.compareOne("output_0", f32(new long[] {1}, 1.000015),
                f32(new long[] {1}, 1.0), DEFAULTS);
        OutputCheck outside = OutputComparison.compareOne("output_0", f32(new long[] {1}, 1.000025),
                f32(new long[] {1}, 1.0), DEFAULTS);

        assertThat(inside.passed()).isTrue();
        assertThat(outside.passed()).isFalse();
    }

    @Test
    void oneElementOffIsReportedWithCountIndexValuesErrorsAndTop1() {
        double[] expected = quarters();
        double[] actual = quarters();
        actual[7] = 2.5; // was 1.75, now the largest: top-1 moves from 9 to 7

        OutputCheck c = OutputComparison.compareOne("output_0", f32(ROW, actual), f32(ROW, expected), DEFAULTS);

        double maxAbs = 2.5 - 1.75;
        double rmse = Math.sqrt(maxAbs * maxAbs / 10);
        assertThat(c.passed()).isFalse();
        assertThat(c.maxAbsError()).isCloseTo(maxAbs, within(1e-12));
        assertThat(c.rmse()).isCloseTo(rmse, within(1e-12));
        assertThat(c.top1()).isFalse();
        // rmse = 0.75 / sqrt(10) = 0.2371708..., six significant digits 0.237171
        assertThat(c.message()).isEqualTo("output_0: 1 of 10 elements differ (expected within atol=0.00001,"
                + " rtol=0.00001); worst at [0, 7]: got 2.50000000, expected 1.75000000; max abs error 0.75,"
                + " RMSE 0.237171, top-1 differs (index 7, expected 9)");
    }

    @Test
    void aMismatchThatKeepsTheLargestInPlaceSaysTop1Agrees() {
        double[] actual = quarters();
        actual[3] = 0.0;

        OutputCheck c = OutputComparison.compareOne("output_0", f32(ROW, actual), f32(ROW, quarters()), DEFAULTS);

        assertThat(c.passed()).isFalse();
        assertThat(c.top1()).isTrue();
        assertThat(c.message()).contains("1 of 10 elements differ").contains("worst at [0, 3]")
                .endsWith("top-1 agrees (index 9)");
    }

    @Test
    void theWorstElementIsTheOneFurthestOutsideTheTolerance() {
        NdArray want = f64(0, 0, 0, 0, 0);
        NdArray got = f64(0.1, 0, -3, 0, 0.5);

        OutputCheck c = OutputComparison.compareOne("output_0", got, want, DEFAULTS);

        double rmse = Math.sqrt((0.1 * 0.1 + 3 * 3 + 0.5 * 0.5) / 5);
        assertThat(c.message()).contains("3 of 5 elements differ").contains("worst at [2]: got -3.00000000");
        assertThat(c.maxAbsError()).isEqualTo(3.0);
        assertThat(c.rmse()).isCloseTo(rmse, within(1e-12));
    }

    @Test
    void theWorstIndexOfAThreeDimensionalOutputIsInCOrder() {
        double[] actual = new double[24];
        actual[13] = 1.0; // 13 = 1 * (3 * 4) + 0 * 4 + 1

        OutputCheck c = OutputComparison.compareOne("output_0", f32(new long[] {2, 3, 4}, actual),
                NdArray.zeros(DType.FLOAT32, 2, 3, 4), DEFAULTS);

        assertThat(c.message()).contains("1 of 24 elements differ").contains("worst at [1, 0, 1]");
    }

    @Test
    void unravelTurnsAFlatIndexIntoACOrderIndex() {
        assertThat(OutputComparison.unravel(7, new long[] {1, 10})).containsExactly(0, 7);
        assertThat(OutputComparison.unravel(0, new long[] {2, 3, 4})).containsExactly(0, 0, 0);
        assertThat(OutputComparison.unravel(23, new long[] {2, 3, 4})).containsExactly(1, 2, 3);
        assertThat(OutputComparison.unravel(13, new long[] {2, 3, 4})).containsExactly(1, 0, 1);
        assertThat(OutputComparison.unravel(4, new long[] {5})).containsExactly(4);
    }

    @Test
    void aScalarHasTheOneIndexZeroAndNoTop1() {
        // numpy would say (); the message names the only element as [0] instead of an empty index
        assertThat(OutputComparison.unravel(0, new long[0])).containsExactly(0);

        OutputCheck c = OutputComparison.compareOne("output_0", f32(new long[0], 2.0), f32(new long[0], 1.0),
                DEFAULTS);

        assertThat(c.passed()).isFalse();
        assertThat(c.top1()).isNull();
        assertThat(c.message()).contains("1 of 1 elements differ").contains("worst at [0]").doesNotContain("top-1");
    }

    @Test
    void differentDtypesAreNotComparedAtAll() {
        OutputCheck c = OutputComparison.compareOne("output_0", f32(new long[] {2}, 1, 2), f64(1, 2), DEFAULTS);

        assertThat(c.passed()).isFalse();
        assertThat(c.message()).isEqualTo("output_0: the model gives float32, the expected output is float64");
        assertThat(c.maxAbsError()).isNaN();
        assertThat(c.rmse()).isNaN();
        assertThat(c.top1()).isNull();
    }

    @Test
    void differentElementCountsAreNotComparedAtAll() {
        OutputCheck c = OutputComparison.compareOne("output_0", NdArray.zeros(DType.FLOAT32, 1, 10),
                NdArray.zeros(DType.FLOAT32, 1, 5), DEFAULTS);

        assertThat(c.passed()).isFalse();
        assertThat(c.message()).isEqualTo("output_0: the model gives 10 elements [1, 10], the expected output"
                + " has 5 [1, 5]");
        assertThat(c.maxAbsError()).isNaN();
    }

    @Test
    void theSameElementsInAnotherShapeAreComparedInTheExpectedShape() {
        double[] actual = quarters();
        assertThat(OutputComparison.compareOne("output_0", f32(new long[] {10}, actual), f32(ROW, quarters()),
                DEFAULTS).passed()).isTrue();

        actual[7] = 9.0;
        OutputCheck c = OutputComparison.compareOne("output_0", f32(new long[] {10}, actual),
                f32(new long[] {2, 5}, quarters()), DEFAULTS);
        assertThat(c.message()).contains("worst at [1, 2]");
    }

    @Test
    void anExpectedOutputTheModelLacksFailsNamingTheOutputsItHas() {
        Map<String, NdArray> actual = new LinkedHashMap<>();
        actual.put("output_0", i32(1, 2));
        Map<String, NdArray> expected = new LinkedHashMap<>();
        expected.put("output_0", i32(1, 2));
        expected.put("output_1", i32(5));

        List<OutputCheck> checks = OutputComparison.compare(actual, expected, DEFAULTS);

        assertThat(checks).extracting(OutputCheck::name).containsExactly("output_0", "output_1");
        assertThat(checks.get(0).passed()).isTrue();
        assertThat(checks.get(1).passed()).isFalse();
        assertThat(checks.get(1).message())
                .isEqualTo("output_1: expected, but the model has no such output (it has output_0)");
        assertThat(checks.get(1).maxAbsError()).isNaN();
        assertThat(checks.get(1).top1()).isNull();
    }

    @Test
    void outputsWithoutAnExpectedValueAreNotChecked() {
        Map<String, NdArray> actual = new LinkedHashMap<>();
        actual.put("output_0", i32(1, 2));
        actual.put("output_1", i32(3));

        List<OutputCheck> checks = OutputComparison.compare(actual, Map.of("output_1", i32(4)), DEFAULTS);

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("output_1");
            assertThat(c.passed()).isFalse();
        });
        assertThat(OutputComparison.compare(actual, Map.of(), DEFAULTS)).isEmpty();
    }

    @Test
    void nanWhereNanIsExpectedMatches() {
        NdArray withNan = f32(new long[] {3}, Double.NaN, 1, 2);

        OutputCheck c = OutputComparison.compareOne("output_0", withNan, withNan, DEFAULTS);

        assertThat(c.passed()).isTrue();
        assertThat(c.maxAbsError()).isZero();
        assertThat(c.rmse()).isZero();
    }

    @Test
    void nanAgainstANumberFailsEitherWay() {
        NdArray withNan = f32(new long[] {3}, Double.NaN, 1, 2);
        NdArray numbers = f32(new long[] {3}, 0.5, 1, 2);

        OutputCheck gotNan = OutputComparison.compareOne("output_0", withNan, numbers, DEFAULTS);
        OutputCheck expectedNan = OutputComparison.compareOne("output_0", numbers, withNan, DEFAULTS);

        assertThat(gotNan.passed()).isFalse();
        assertThat(gotNan.message()).contains("1 of 3 elements differ").contains("worst at [0]: got NaN,"
                + " expected 0.500000000");
        assertThat(expectedNan.passed()).isFalse();
        assertThat(expectedNan.message()).contains("1 of 3 elements differ").contains("got 0.500000000,"
                + " expected NaN");
    }

    @Test
    void anExplicitToleranceReplacesTheFloatDefaults() {
        Tolerance loose = new Tolerance(0.1, 0.0);
        NdArray want = f32(new long[] {1}, 1.0);

        OutputCheck inside = OutputComparison.compareOne("output_0", f32(new long[] {1}, 1.05), want, loose);
        OutputCheck outside = OutputComparison.compareOne("output_0", f32(new long[] {1}, 1.2), want, loose);

        assertThat(inside.passed()).isTrue();
        assertThat(inside.message()).contains("within atol=0.1, rtol=0");
        assertThat(outside.passed()).isFalse();
        assertThat(outside.message()).contains("(expected within atol=0.1, rtol=0)");
    }

    @Test
    void anExplicitZeroToleranceMakesFloatsCompareExactly() {
        OutputCheck c = OutputComparison.compareOne("output_0", f64(1.0 + 1e-9), f64(1.0), new Tolerance(0.0, 0.0));

        assertThat(c.passed()).isFalse();
        assertThat(c.message()).contains("(expected exactly)");
    }

    @Test
    void anExplicitAbsoluteToleranceAppliesToIntegers() {
        Tolerance one = new Tolerance(1.0, null);

        OutputCheck offByOne = OutputComparison.compareOne("output_0", i32(11, 20), i32(10, 20), one);
        OutputCheck offByTwo = OutputComparison.compareOne("output_0", i32(12, 20), i32(10, 20), one);

        assertThat(offByOne.passed()).isTrue();
        assertThat(offByOne.message()).contains("within atol=1, rtol=0");
        assertThat(offByTwo.passed()).isFalse();
    }

    @Test
    void anExplicitRelativeToleranceAppliesToIntegers() {
        Tolerance tenPercent = new Tolerance(null, 0.1);

        assertThat(OutputComparison.compareOne("output_0", i32(105), i32(100), tenPercent).passed()).isTrue();
        assertThat(OutputComparison.compareOne("output_0", i32(111), i32(100), tenPercent).passed()).isFalse();
    }

    @Test
    void compactPrintsSixSignificantDigitsWithoutTrailingZerosOrExponent() {
        assertThat(OutputComparison.compact(1e-5)).isEqualTo("0.00001");
        assertThat(OutputComparison.compact(0.0)).isEqualTo("0");
        assertThat(OutputComparison.compact(0.19652534)).isEqualTo("0.196525");
        assertThat(OutputComparison.compact(0.19652561)).isEqualTo("0.196526");
        assertThat(OutputComparison.compact(0.75)).isEqualTo("0.75");
        assertThat(OutputComparison.compact(2.0)).isEqualTo("2");
        assertThat(OutputComparison.compact(1234567.0)).isEqualTo("1234570");
        assertThat(OutputComparison.compact(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void argmaxTakesTheFirstOfEqualLargestValues() {
        assertThat(OutputComparison.argmax(i32(1, 5, 5, 2))).isEqualTo(1);
        assertThat(OutputComparison.argmax(i32(-4))).isZero();
    }

    @Test
    void anExpectedInfinityMatchesOnlyTheSameInfinity() {
        OutputCheck finiteForInfinity = OutputComparison.compareOne("output_0",
                f64(1, 1), f64(Double.POSITIVE_INFINITY, 1), DEFAULTS);
        OutputCheck sameInfinities = OutputComparison.compareOne("output_0",
                f64(Double.NEGATIVE_INFINITY, 1), f64(Double.NEGATIVE_INFINITY, 1), DEFAULTS);
        OutputCheck oppositeInfinities = OutputComparison.compareOne("output_0",
                f64(Double.NEGATIVE_INFINITY, 1), f64(Double.POSITIVE_INFINITY, 1), new Tolerance(0.0, 0.0));

        assertThat(finiteForInfinity.passed()).isFalse();
        assertThat(finiteForInfinity.message()).contains("worst at [0]");
        assertThat(sameInfinities.passed()).isTrue();
        assertThat(oppositeInfinities.passed()).isFalse();
    }
}
