package io.microtvm.bench;

import java.util.Arrays;

/**
 * Summary of one measured series, in milliseconds.
 *
 * @param runs     how many timed runs (warm-up runs excluded)
 * @param medianMs middle value; the mean of the two middle values for an even count
 * @param minMs    fastest run
 * @param maxMs    slowest run
 */
record Timing(int runs, double medianMs, double minMs, double maxMs) {

    static Timing of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no runs to summarize");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double medianNanos = sorted.length % 2 == 1
                ? sorted[middle]
                : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return new Timing(sorted.length, medianNanos / 1e6, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
