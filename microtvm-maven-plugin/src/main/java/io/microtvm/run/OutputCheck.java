package io.microtvm.run;

/**
 * The comparison of one output with its expected value.
 *
 * @param name             output key, {@code output_0}, ...
 * @param passed           within tolerance everywhere (and same dtype and size)
 * @param message          one line for a person: what matched or where and how much it differs
 * @param maxAbsError      largest |actual - expected|; NaN when not comparable
 * @param rmse             root mean square error; NaN when not comparable
 * @param top1             whether the index of the largest value agrees; null where it does not apply
 * @param cosineSimilarity cosine of the angle between actual and expected as vectors; NaN when not
 *                         comparable or either is all zeros
 * @param worstIndex       index of the element furthest outside (or closest to the edge of) the
 *                         tolerance; null when not comparable or every element is equal
 * @param worstActual      the output's value there; NaN when not comparable
 * @param worstExpected    the expected value there; NaN when not comparable
 * @param absErrors        |actual - expected| per element in C order, only for a failed comparable
 *                         check, at most {@link #MAX_ERRORS_KEPT} values; null otherwise
 * @param errorsTruncated  whether {@code absErrors} stops short of the output's size
 */
public record OutputCheck(String name, boolean passed, String message, double maxAbsError, double rmse, Boolean top1,
                          double cosineSimilarity, long[] worstIndex, double worstActual, double worstExpected,
                          double[] absErrors, boolean errorsTruncated) {

    /** The most per-element errors a report keeps for a failed check. */
    public static final int MAX_ERRORS_KEPT = 4096;

    /** A check with the summary metrics only. */
    public OutputCheck(String name, boolean passed, String message, double maxAbsError, double rmse, Boolean top1) {
        this(name, passed, message, maxAbsError, rmse, top1, Double.NaN, null, Double.NaN, Double.NaN, null, false);
    }
}
