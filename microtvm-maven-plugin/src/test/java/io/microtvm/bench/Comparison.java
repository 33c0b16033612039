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
 */
record Comparison(String name, String description, Timing measured,
                  String baselineName, String baselineDescription, Timing baseline) {

    /** How many times slower than the baseline, by medians. */
    double ratio() {
        return measured.medianMs() / baseline.medianMs();
    }
}
