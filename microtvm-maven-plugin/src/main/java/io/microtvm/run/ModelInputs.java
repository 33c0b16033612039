package io.microtvm.run;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.npz.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The input tensors of one run, in the model's input order: those given in the inputs file,
 * checked against the model, and the rest filled by the fill mode. Everything is checked before
 * anything is sent to the device.
 */
public final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * @param model  the model's inputs, in order
     * @param given  arrays from {@code microtvm.inputs}, by name; empty when no file was given
     * @param source the inputs file, for messages
     */
    public static List<NdArray> prepare(List<TensorSpec> model, Map<String, NdArray> given, String source,
                                        FillMode fillMode, long seed) throws MicroTvmException {
        List<String> names = model.stream().map(TensorSpec::name).toList();
        List<String> problems = new ArrayList<>();
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                problems.add("'" + name + "' is not an input of the model");
            }
        }
        Random random = new Random(seed);
        List<NdArray> inputs = new ArrayList<>();
        for (TensorSpec spec : model) {
            NdArray array = given.get(spec.name());
            if (array == null) {
                inputs.add(fillMode.fill(spec.dtype(), spec.shape(), random));
                continue;
            }
            if (array.dtype() != spec.dtype()) {
                problems.add("'" + spec.name() + "' has dtype " + array.dtype().numpyName() + ", the model expects "
                        + spec.dtype().numpyName());
            } else if (!shapeMatches(spec, array.shape())) {
                problems.add("'" + spec.name() + "' has shape " + Arrays.toString(array.shape())
                        + ", the model expects " + Arrays.toString(spec.shape()));
            }
            inputs.add(array);
        }
        if (!problems.isEmpty()) {
            throw MicroTvmException.badSetting(Setting.INPUTS, "The inputs in " + source + " do not fit the model: "
                    + String.join("; ", problems)
                    + ". Model inputs: " + model.stream().map(TensorSpec::describe).collect(Collectors.joining(", "))
                    + ".");
        }
        return inputs;
    }

    /** A shape the model does not record is checked by its element count only. */
    static boolean shapeMatches(TensorSpec spec, long[] shape) {
        if (spec.shapeKnown()) {
            return Arrays.equals(spec.shape(), shape);
        }
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b) == spec.elementCount();
    }
}
