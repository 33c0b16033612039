package io.microtvm.run;

import io.microtvm.npz.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares a run's outputs with {@code microtvm.expectedOutputs}, output by output. */
public final class OutputComparison {
    private OutputComparison() {
    }

    /**
     * @param actual   outputs by key ({@code output_0}, ...), in model order
     * @param expected expected outputs by key; each must name an output
     */
    public static List<OutputCheck> compare(Map<String, NdArray> actual, Map<String, NdArray> expected,
                                            Tolerance tolerance) {
        List<OutputCheck> checks = new ArrayList<>();
        for (Map.Entry<String, NdArray> e : expected.entrySet()) {
            NdArray got = actual.get(e.getKey());
            if (got == null) {
                checks.add(new OutputCheck(e.getKey(), false, e.getKey() + ": expected, but the model has no such output"
                        + " (it has " + String.join(", ", actual.keySet()) + ")", Double.NaN, Double.NaN, null));
            } else {
                checks.add(compareOne(e.getKey(), got, e.getValue(), tolerance));
            }
        }
        return checks;
    }

    static OutputCheck compareOne(String name, NdArray got, NdArray want, Tolerance tolerance) {
        if (got.dtype() != want.dtype()) {
            return new OutputCheck(name, false, name + ": the model gives " + got.dtype().numpyName()
                    + ", the expected output is " + want.dtype().numpyName(), Double.NaN, Double.NaN, null);
        }
        if (got.elementCount() != want.elementCount()) {
            return new OutputCheck(name, false, name + ": the model gives " + got.elementCount()
                    + " elements " + Arrays.toString(got.shape()) + ", the expected output has " + want.elementCount()
                    + " " + Arrays.toString(want.shape()), Double.NaN, Double.NaN, null);
        }
        double atol = tolerance.atolFor(want.dtype());
        double rtol = tolerance.rtolFor(want.dtype());
        long n = want.elementCount();
        long worst = -1;
        double worstExcess = Double.NEGATIVE_INFINITY;
        double maxAbs = 0;
        double sumSquares = 0;
        long mismatches = 0;
        double dot = 0;
        double normGot = 0;
        double normWant = 0;
        int kept = (int) Math.min(n, OutputCheck.MAX_ERRORS_KEPT);
        double[] errors = new double[kept];
        for (long i = 0; i < n; i++) {
            double a = got.getDouble(i);
            double x = want.getDouble(i);
            // equal values (infinities too) and NaN where NaN is expected match; an infinity matches only itself
            boolean same = a == x || Double.isNaN(a) && Double.isNaN(x);
            double err = same ? 0 : Math.abs(a - x);
            double excess = same ? Double.NEGATIVE_INFINITY
                    : Double.isNaN(err) || Double.isInfinite(x) ? Double.POSITIVE_INFINITY
                    : err - (atol + rtol * Math.abs(x));
            if (excess > 0) {
                mismatches++;
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
            maxAbs = Math.max(maxAbs, err);
            sumSquares += err * err;
            dot += a * x;
            normGot += a * a;
            normWant += x * x;
            if (i < kept) {
                errors[(int) i] = err;
            }
        }
        double cosine = normGot == 0 || normWant == 0 ? Double.NaN : dot / Math.sqrt(normGot * normWant);
        long[] worstIndex = worst < 0 ? null : unravel(worst, want.shape());
        double worstActual = worst < 0 ? Double.NaN : got.getDouble(worst);
        double worstExpected = worst < 0 ? Double.NaN : want.getDouble(worst);
        double rmse = n == 0 ? 0 : Math.sqrt(sumSquares / n);
        Boolean top1 = n > 1 ? argmax(got) == argmax(want) : null;
        String metrics = "max abs error " + compact(maxAbs) + ", RMSE " + compact(rmse)
                + (top1 == null ? "" : top1 ? ", top-1 agrees (index " + argmax(want) + ")"
                        : ", top-1 differs (index " + argmax(got) + ", expected " + argmax(want) + ")");
        String limit = atol == 0 && rtol == 0 ? "exactly" : "within atol=" + compact(atol) + ", rtol=" + compact(rtol);
        if (mismatches == 0) {
            return new OutputCheck(name, true, name + ": all " + n + " elements match " + limit + "; " + metrics,
                    maxAbs, rmse, top1, cosine, worstIndex, worstActual, worstExpected, null, false);
        }
        String where = Arrays.toString(worstIndex);
        return new OutputCheck(name, false, String.format(Locale.ROOT,
                "%s: %d of %d elements differ (expected %s); worst at %s: got %s, expected %s; %s",
                name, mismatches, n, limit, where, format(got, worst), format(want, worst), metrics), maxAbs, rmse, top1,
                cosine, worstIndex, worstActual, worstExpected, errors, kept < n);
    }

    private static String format(NdArray a, long i) {
        return a.dtype().isFloatingPoint() ? String.format(Locale.ROOT, "%.9g", a.getDouble(i))
                : Long.toString((long) a.getDouble(i));
    }

    /** Six significant digits without trailing zeros: 1e-05 prints as 0.00001, 0.0 as 0. */
    static String compact(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", x)).stripTrailingZeros().toPlainString();
    }

    static long argmax(NdArray a) {
        long best = 0;
        for (long i = 1; i < a.elementCount(); i++) {
            if (a.getDouble(i) > a.getDouble(best)) {
                best = i;
            }
        }
        return best;
    }

    /** The multi-dimensional index of flat index {@code i} in C order. */
    static long[] unravel(long i, long[] shape) {
        long[] index = new long[Math.max(shape.length, 1)];
        if (shape.length == 0) {
            index[0] = i;
            return index;
        }
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = shape[d] == 0 ? 0 : i % shape[d];
            i = shape[d] == 0 ? 0 : i / shape[d];
        }
        return index;
    }
}
