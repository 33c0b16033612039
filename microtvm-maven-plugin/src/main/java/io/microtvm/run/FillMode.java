package io.microtvm.run;

import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * How inputs not given in {@code microtvm.inputs} are filled, as {@code tvmc run --fill-mode} does:
 * zeros, ones, or random (integers 0..127 for dtypes containing "int8", else uniform in [-1, 1)
 * cast to the dtype).
 */
public enum FillMode {
    ZEROS, ONES, RANDOM;

    public static FillMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("The fill mode '" + text + "' is not one of: zeros, ones, random.");
        }
    }

    public NdArray fill(DType dtype, long[] shape, Random random) {
        int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        double[] values = new double[n];
        switch (this) {
            case ZEROS -> { }
            case ONES -> Arrays.fill(values, 1.0);
            case RANDOM -> {
                boolean int8Like = dtype.numpyName().contains("int8");
                for (int i = 0; i < n; i++) {
                    values[i] = int8Like ? random.nextInt(128) : random.nextDouble() * 2.0 - 1.0;
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return NdArray.ofDoubles(dtype, shape, values);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
