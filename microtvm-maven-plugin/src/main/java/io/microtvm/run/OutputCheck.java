package io.microtvm.run;

/**
 * The comparison of one output with its expected value.
 *
 * @param name        output key, {@code output_0}, ...
 * @param passed      within tolerance everywhere (and same dtype and size)
 * @param message     one line for a person: what matched or where and how much it differs
 * @param maxAbsError largest |actual - expected|; NaN when not comparable
 * @param rmse        root mean square error; NaN when not comparable
 * @param top1        whether the index of the largest value agrees; null where it does not apply
 */
public record OutputCheck(String name, boolean passed, String message, double maxAbsError, double rmse, Boolean top1) {
}
