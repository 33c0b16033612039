package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Min, median and max of the timed runs. */
class StatisticsTest {

    @Test
    void anOddCountHasTheMiddleValueAsMedian() {
        assertThat(Statistics.of(new double[] {3, 1, 2})).isEqualTo(new Statistics(1, 2, 3));
        assertThat(Statistics.of(new double[] {9, 0.5, 4, 8, 1})).isEqualTo(new Statistics(0.5, 4, 9));
    }

    @Test
    void anEvenCountHasTheMeanOfTheTwoMiddleValuesAsMedian() {
        assertThat(Statistics.of(new double[] {4, 1, 3, 2})).isEqualTo(new Statistics(1, 2.5, 4));
        assertThat(Statistics.of(new double[] {10, 2})).isEqualTo(new Statistics(2, 6, 10));
    }

    @Test
    void aSingleValueIsMinMedianAndMax() {
        assertThat(Statistics.of(new double[] {0.007})).isEqualTo(new Statistics(0.007, 0.007, 0.007));
    }

    @Test
    void noValuesGiveNan() {
        Statistics s = Statistics.of(new double[0]);

        assertThat(s.min()).isNaN();
        assertThat(s.median()).isNaN();
        assertThat(s.max()).isNaN();
    }

    @Test
    void theCallersArrayIsNotReordered() {
        double[] values = {3, 1, 2};

        Statistics.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }
}
