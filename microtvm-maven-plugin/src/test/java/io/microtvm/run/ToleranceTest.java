package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.npz.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Defaults per dtype: floats 1e-5 both ways, integers and bool exact; explicit values win. */
class ToleranceTest {

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT16", "FLOAT32", "FLOAT64"})
    void floatsDefaultToOneInOneHundredThousandBothWays(DType dtype) {
        Tolerance t = new Tolerance(null, null);

        assertThat(t.atolFor(dtype)).isEqualTo(1e-5);
        assertThat(t.rtolFor(dtype)).isEqualTo(1e-5);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT16", "FLOAT32", "FLOAT64"}, mode = EnumSource.Mode.EXCLUDE)
    void integersAndBoolDefaultToExact(DType dtype) {
        Tolerance t = new Tolerance(null, null);

        assertThat(t.atolFor(dtype)).isZero();
        assertThat(t.rtolFor(dtype)).isZero();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void explicitValuesApplyToEveryDtype(DType dtype) {
        Tolerance t = new Tolerance(0.5, 0.25);

        assertThat(t.atolFor(dtype)).isEqualTo(0.5);
        assertThat(t.rtolFor(dtype)).isEqualTo(0.25);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "INT8"})
    void anExplicitAtolLeavesTheRtolDefaultAndViceVersa(DType dtype) {
        double fallback = dtype.isFloatingPoint() ? 1e-5 : 0.0;

        assertThat(new Tolerance(2.0, null).atolFor(dtype)).isEqualTo(2.0);
        assertThat(new Tolerance(2.0, null).rtolFor(dtype)).isEqualTo(fallback);
        assertThat(new Tolerance(null, 0.3).atolFor(dtype)).isEqualTo(fallback);
        assertThat(new Tolerance(null, 0.3).rtolFor(dtype)).isEqualTo(0.3);
    }
}
