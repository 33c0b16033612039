package io.microtvm.run;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.npz.NdArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the arrays of an {@code expectedOutputs} .npz to the model's outputs. An array may be
 * named as tvmc names outputs ({@code output_0}, {@code output_1}, ...) or by the output's own name
 * in the model ({@code StatefulPartitionedCall:0}, as the MLF's metadata and the firmware's tensor
 * table have it; docs/mlf.md, "Names and order"). A name the model does not have is an error
 * listing the names it has: an expected file that checks nothing must not pass.
 */
final class ExpectedOutputs {
    private ExpectedOutputs() {
    }

    /** The key under which outputs are saved and compared: {@code output_N}. */
    static String keyOf(int index) {
        return "output_" + index;
    }

    /**
     * The expected arrays by output key ({@code output_N}).
     *
     * @param source the file and parameter, for messages
     */
    static Map<String, NdArray> byOutputKey(Map<String, NdArray> expected, List<TensorSpec> outputs, String source)
            throws MicroTvmException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            keys.put(keyOf(i), keyOf(i));
        }
        for (int i = 0; i < outputs.size(); i++) {
            String own = outputs.get(i).name();
            if (own != null && !own.isBlank()) {
                keys.putIfAbsent(own, keyOf(i));
            }
        }
        Map<String, NdArray> byKey = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, NdArray> e : expected.entrySet()) {
            String key = keys.get(e.getKey());
            if (key == null) {
                unknown.add(e.getKey());
                continue;
            }
            String earlier = givenAs.putIfAbsent(key, e.getKey());
            if (earlier != null) {
                throw MicroTvmException.badSetting(Setting.EXPECTED_OUTPUTS, source + " has two arrays for "
                        + describe(outputs, key) + ": '" + earlier
                        + "' and '" + e.getKey() + "'. Keep one.");
            }
            byKey.put(key, e.getValue());
        }
        if (!unknown.isEmpty()) {
            throw MicroTvmException.badSetting(Setting.EXPECTED_OUTPUTS, source + " has "
                    + (unknown.size() == 1 ? "an array" : "arrays") + " named "
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
                    + ", which the model has no output" + (unknown.size() == 1 ? "" : "s") + " for. The model's outputs: "
                    + String.join(", ", outputNames(outputs)) + ".");
        }
        return byKey;
    }

    /** The outputs {@code byKey} has no array for, described for a warning; empty when all are checked. */
    static List<String> unchecked(Map<String, NdArray> byKey, List<TensorSpec> outputs) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (!byKey.containsKey(keyOf(i))) {
                missing.add(describe(outputs, keyOf(i)));
            }
        }
        return missing;
    }

    /** {@code output_0 ('StatefulPartitionedCall:0')}, or {@code output_0} where the model's name is that. */
    private static String describe(List<TensorSpec> outputs, String key) {
        int i = Integer.parseInt(key.substring("output_".length()));
        String own = outputs.get(i).name();
        return own == null || own.isBlank() || own.equals(key) ? key : key + " ('" + own + "')";
    }

    private static List<String> outputNames(List<TensorSpec> outputs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            names.add(describe(outputs, keyOf(i)));
        }
        return names;
    }
}
