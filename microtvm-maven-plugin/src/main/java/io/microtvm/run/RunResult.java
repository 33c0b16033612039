package io.microtvm.run;

import io.microtvm.npz.NdArray;
import io.microtvm.report.DeviceTimeUnit;
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
 * @param filledInputs  the inputs the fill mode made (not in the given .npz)
 * @param shapeSources  where each output's shape came from, by output key; an output without an entry: not said
 * @param repeatChecks  whether the repetitions gave the same outputs ({@link RepeatedRuns}); empty for one run
 */
public record RunResult(String project, String modelId, String timerName, List<TensorSpec> inputs,
                        Map<String, NdArray> outputs, List<Timing> runs, List<OutputCheck> checks,
                        List<String> filledInputs, Map<String, OutputShapes.Source> shapeSources,
                        List<RepeatCheck> repeatChecks) {

    public RunResult {
        shapeSources = shapeSources == null ? Map.of() : Map.copyOf(shapeSources);
        repeatChecks = repeatChecks == null ? List.of() : List.copyOf(repeatChecks);
    }

    /** A result without a comparison of its repetitions. */
    public RunResult(String project, String modelId, String timerName, List<TensorSpec> inputs,
                     Map<String, NdArray> outputs, List<Timing> runs, List<OutputCheck> checks,
                     List<String> filledInputs, Map<String, OutputShapes.Source> shapeSources) {
        this(project, modelId, timerName, inputs, outputs, runs, checks, filledInputs, shapeSources, List.of());
    }

    /** A result that does not say where its output shapes came from. */
    public RunResult(String project, String modelId, String timerName, List<TensorSpec> inputs,
                     Map<String, NdArray> outputs, List<Timing> runs, List<OutputCheck> checks,
                     List<String> filledInputs) {
        this(project, modelId, timerName, inputs, outputs, runs, checks, filledInputs, Map.of());
    }

    /** A result whose inputs were all filled. */
    public RunResult(String project, String modelId, String timerName, List<TensorSpec> inputs,
                     Map<String, NdArray> outputs, List<Timing> runs, List<OutputCheck> checks) {
        this(project, modelId, timerName, inputs, outputs, runs, checks,
                inputs.stream().map(TensorSpec::name).toList());
    }

    /**
     * One repetition. Inputs are sent once and outputs read once per run ({@link RepeatedRuns}), so
     * the host time of the first repetition includes the upload, the last one's the download, and
     * those between are one run request each; with one repetition it is the whole inference.
     *
     * @param deviceSeconds time the device measured around the model's run function; NaN when it has no timer
     * @param hostSeconds   host time of the repetition, from the end of the previous one (see above)
     */
    public record Timing(double deviceSeconds, double hostSeconds) {
    }

    /** Every output matched what was expected, and every repetition gave the same outputs. */
    public boolean allChecksPassed() {
        return checks.stream().allMatch(OutputCheck::passed) && repeatChecks.stream().allMatch(RepeatCheck::passed);
    }

    /** Min/median/max of the device-measured times; NaNs when the device measured none. */
    public Statistics deviceStatistics() {
        return Statistics.of(runs.stream().mapToDouble(Timing::deviceSeconds).filter(d -> !Double.isNaN(d)).toArray());
    }

    /** Min/median/max of the repetitions' host times. */
    public Statistics hostStatistics() {
        return Statistics.of(runs.stream().mapToDouble(Timing::hostSeconds).toArray());
    }

    /**
     * What the device time counts: {@link DeviceTimeUnit#INSTRUCTIONS} when the timer says it counts
     * emulated instructions (QEMU {@code -icount}: one instruction per virtual nanosecond), else seconds.
     */
    public DeviceTimeUnit deviceCounts() {
        return DeviceTimeUnit.ofTimer(timerName);
    }
}
