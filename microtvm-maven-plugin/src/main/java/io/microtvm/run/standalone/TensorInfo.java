package io.microtvm.run.standalone;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One model input or output as the device describes it in its HELLO reply.
 *
 * @param name       the tensor's name in the model's metadata, e.g. {@code serving_default_input_1:0}
 * @param dtype      the numpy dtype name: {@code float32}, {@code int8}, ...
 * @param shape      the dimensions; when {@code shapeKnown} is false, the element count alone
 * @param shapeKnown whether the model recorded the shape (TVM's archives do not always)
 * @param sizeBytes  bytes the device expects (input) or holds (output)
 */
public record TensorInfo(String name, String dtype, long[] shape, boolean shapeKnown, long sizeBytes) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** For messages: {@code 'input' float32[1, 1]}. */
    public String describe() {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "'" + name + "' " + dtype + "[" + dims + "]" + (shapeKnown ? "" : " (shape unknown)");
    }

    // a record compares arrays by identity; tensor descriptions are values

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo t && t.name.equals(name) && t.dtype.equals(dtype)
                && Arrays.equals(t.shape, shape) && t.shapeKnown == shapeKnown && t.sizeBytes == sizeBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), shapeKnown, sizeBytes);
    }

    @Override
    public String toString() {
        return "TensorInfo[" + describe() + ", " + sizeBytes + " bytes]";
    }
}
