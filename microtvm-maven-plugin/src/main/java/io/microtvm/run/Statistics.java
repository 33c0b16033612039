package io.microtvm.run;

import java.util.Arrays;

/** Min, median and max of a series of measurements. */
public record Statistics(double min, double median, double max) {
    public static Statistics of(double[] values) {
        if (values.length == 0) {
            return new Statistics(Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Statistics(sorted[0], median, sorted[sorted.length - 1]);
    }
}
