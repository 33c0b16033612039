package io.microtvm.run;

import io.microtvm.npz.DType;

/**
 * How close an output must be to its expected value: {@code |actual - expected| <= atol + rtol *
 * |expected|} (numpy's {@code isclose}). Integer outputs are compared exactly unless a tolerance
 * was given explicitly; floats default to 1e-5 both ways, a float32-sized margin.
 */
public record Tolerance(Double atol, Double rtol) {
    public static final double FLOAT_DEFAULT = 1e-5;

    public double atolFor(DType dtype) {
        return atol != null ? atol : dtype.isFloatingPoint() ? FLOAT_DEFAULT : 0.0;
    }

    public double rtolFor(DType dtype) {
        return rtol != null ? rtol : dtype.isFloatingPoint() ? FLOAT_DEFAULT : 0.0;
    }
}
