package io.microtvm.bench;

/**
 * One benchmark row: what the plugin does, and the plainest way to get the same effect, timed
 * alternately in the same run.
 *
 * @param name                short identifier, as printed and written to JSON
 * @param description         what one timed run of the plugin side does
 * @param measured            the plugin side
 * @param baselineName        short identifier of the baseline
 * @param baselineDescription what one timed run of the baseline does
 * @param baseline            the baseline side
 * @param payloadBytesPerRun  for a throughput row, the payload bytes one run of either side moves
 *                            (the row is then shown in MiB/s); 0 for a row of plain times
 */
record Comparison(String name, String description, Timing measured,
                  String baselineName, String baselineDescription, Timing baseline, long payloadBytesPerRun) {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** A row of plain times. */
    Comparison(String name, String description, Timing measured,
               String baselineName, String baselineDescription, Timing baseline) {
        this(name, description, measured, baselineName, baselineDescription, baseline, 0);
    }

    /** The same row, read as throughput: each run of either side moved {@code bytes} of payload. */
    Comparison movingPayloadBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a throughput row moves at least one byte per run: " + bytes);
        }
        return new Comparison(name, description, measured, baselineName, baselineDescription, baseline, bytes);
    }

    boolean isThroughput() {
        return payloadBytesPerRun > 0;
    }

    /**
     * How many times slower than the baseline, by medians. For a throughput row both sides move the
     * same bytes per run, so this is also the baseline's MiB/s over the plugin side's.
     */
    double ratio() {
        return measured.medianMs() / baseline.medianMs();
    }

    /** MiB/s of a run that took {@code ms}; only for a throughput row. */
    double mibPerSecond(double ms) {
        return payloadBytesPerRun / BYTES_PER_MIB / (ms / 1000.0);
    }
}
