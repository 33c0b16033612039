package io.microtvm.npz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void decodesKnownBitPatterns() {
        assertThat(Half.toDouble(0x3c00)).isEqualTo(1.0);
        assertThat(Half.toDouble(0xc000)).isEqualTo(-2.0);
        assertThat(Half.toDouble(0x3555)).isEqualTo(0x1.554p-2); // nearest half to 1/3
        assertThat(Half.toDouble(0x7bff)).isEqualTo(65504.0);
        assertThat(Half.toDouble(0x0400)).isEqualTo(0x1p-14);
        assertThat(Half.toDouble(0x0001)).isEqualTo(0x1p-24);
        assertThat(Half.toDouble(0x03ff)).isEqualTo(1023 * 0x1p-24);
        assertThat(Half.toDouble(0x7c00)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Half.toDouble(0xfc00)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Half.toDouble(0x7e00)).isNaN();
        assertThat(Double.doubleToRawLongBits(Half.toDouble(0x8000))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void everyNonNanHalfSurvivesARoundTrip() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            double value = Half.toDouble(bits);
            if (Double.isNaN(value)) {
                assertThat(Half.fromDouble(value)).isEqualTo((bits & 0x8000) | 0x7e00);
            } else {
                assertThat(Half.fromDouble(value)).as("bits %04x", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void roundsToNearestWithTiesToEven() {
        // halfway between 1.0 (even significand) and 1 + 2^-10: down
        assertThat(Half.fromDouble(1 + 0x1p-11)).isEqualTo(0x3c00);
        // halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even): up
        assertThat(Half.fromDouble(1 + 3 * 0x1p-11)).isEqualTo(0x3c02);
        // just above the halfway point: up
        assertThat(Half.fromDouble(1 + 0x1p-11 + 0x1p-30)).isEqualTo(0x3c01);
        assertThat(Half.fromDouble(0.1)).isEqualTo(0x2e66);
    }

    @Test
    void overflowsToInfinityFromTheHalfwayPointAboveTheLargestHalf() {
        assertThat(Half.fromDouble(65519.99)).isEqualTo(0x7bff);
        assertThat(Half.fromDouble(65520.0)).isEqualTo(0x7c00);
        assertThat(Half.fromDouble(-1e300)).isEqualTo(0xfc00);
    }

    @Test
    void roundsSubnormalsAndIntoTheSmallestNormal() {
        assertThat(Half.fromDouble(0x1p-25)).isEqualTo(0x0000); // tie: to even (zero)
        assertThat(Half.fromDouble(3 * 0x1p-25)).isEqualTo(0x0002); // tie: to even
        assertThat(Half.fromDouble(0x1p-14 - 0x1p-25)).isEqualTo(0x0400); // tie between 0x3ff and 0x400
        assertThat(Half.fromDouble(1e-30)).isEqualTo(0x0000);
        assertThat(Half.fromDouble(-1e-30)).isEqualTo(0x8000);
    }

    @Test
    void roundsOnceFromDoubleNotTwiceThroughFloat() {
        // 1 + 2^-11 + 2^-40 lies above the halfway point, so it rounds up; through float the 2^-40
        // would be lost first and the tie would round down to 1.0
        double value = 1 + 0x1p-11 + 0x1p-40;
        assertThat((double) (float) value).isEqualTo(1 + 0x1p-11);
        assertThat(Half.fromDouble(value)).isEqualTo(0x3c01);
    }
}
