package io.microtvm.run;

import io.microtvm.npz.NdArray;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code microtvm:run} observed.
 *
 * @param project       the project dir's name, e.g. {@code project}
 * @param modelId       the model id the device reported; for host-driven runs, whose devices report
 *                      none, the SHA-256 of the MLF the project was created from
 * @param timerName     the device timer that measured {@code deviceSeconds}, or why there is none
 * @param inputs        the model's inputs
 * @param outputs       the outputs of the last run, by key {@code output_0}, ... in model order
 * @param runs          one entry per repeat
 * @param checks        comparisons with the expected outputs; empty when none were given
 */
public record RunResult(String project, String modelId, String timerName, List<TensorSpec> inputs,
                        Map<String, NdArray> outputs, List<Timing> runs, List<OutputCheck> checks) {

    /**
     * @param deviceSeconds time the device measured around the model's run function; NaN when it has no timer
     * @param hostSeconds   host round trip of the whole inference: inputs sent, run, outputs read back
     */
    public record Timing(double deviceSeconds, double hostSeconds) {
    }

    public boolean allChecksPassed() {
        return checks.stream().allMatch(OutputCheck::passed);
    }
}
