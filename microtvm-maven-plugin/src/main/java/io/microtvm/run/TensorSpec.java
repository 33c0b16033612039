package io.microtvm.run;

import io.microtvm.npz.DType;
import java.util.Arrays;

/**
 * One input or output of the model on the device, whatever run protocol reported it.
 *
 * @param name       the tensor's name in the model (metadata.json), e.g. {@code input}
 * @param dtype      element type
 * @param shape      dimensions; when {@code shapeKnown} is false only the element count is known
 *                   and the shape is 1-D (MLF archives rarely record output shapes)
 * @param shapeKnown whether {@code shape} is the model's real shape
 * @param sizeBytes  size of the tensor in bytes
 */
public record TensorSpec(String name, DType dtype, long[] shape, boolean shapeKnown, long sizeBytes) {

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** e.g. {@code input float32[1, 1]}, or {@code output float32[1] (shape unknown)}. */
    public String describe() {
        return name + " " + dtype.numpyName() + Arrays.toString(shape) + (shapeKnown ? "" : " (shape unknown)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && shapeKnown == t.shapeKnown && sizeBytes == t.sizeBytes;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return describe();
    }
}
