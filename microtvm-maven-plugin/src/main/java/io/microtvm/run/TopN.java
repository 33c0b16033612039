package io.microtvm.run;

import io.microtvm.npz.NdArray;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The N largest values of an output with their indices, as {@code tvmc run --print-top} shows them. */
public final class TopN {
    private TopN() {
    }

    /** Flat indices of the {@code n} largest elements, largest first (ties: lower index first). */
    public static List<Long> indices(NdArray output, int n) {
        return LongStream.range(0, output.elementCount()).boxed()
                .sorted(Comparator.comparingDouble((Long i) -> output.getDouble(i)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(n)
                .toList();
    }

    /** Two lines, indices over values, like tvmc's 2×N array. */
    public static List<String> format(NdArray output, int n) {
        List<Long> top = indices(output, n);
        String idx = top.stream().map(i -> Long.toString(i)).collect(Collectors.joining(" ", "indices: [", "]"));
        String val = top.stream().map(i -> output.dtype().isFloatingPoint()
                        ? String.format(Locale.ROOT, "%.6g", output.getDouble(i))
                        : Long.toString((long) output.getDouble(i)))
                .collect(Collectors.joining(" ", "values:  [", "]"));
        return List.of(idx, val);
    }
}
