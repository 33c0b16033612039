package io.microtvm.run;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.npz.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of a model's outputs as the user gives them ({@code outputShapes}, e.g.
 * {@code output_0:[1,12]}), and the rule that picks each output's shape from every source that
 * knows it. A standalone AOT MLF records no output shapes (metadata.json has sizes only, and the
 * relay text of a frontend import prints no types: docs/mlf.md, "Where shapes come from"), so the
 * sources are, first to last:
 * <ol>
 *   <li>the device: host-driven firmware and graph JSON know them, and the bundled templates
 *       record them at generate time where the MLF has them (a typed relay signature);</li>
 *   <li>{@code outputShapes};</li>
 *   <li>the shape of the same output in {@code expectedOutputs};</li>
 *   <li>none: the output is written flat (1-D).</li>
 * </ol>
 * A shape is used only when its element count is the output's; a given shape that disagrees with
 * the model is an error rather than silently ignored.
 */
public final class OutputShapes {

    /** Where an output's shape came from, as the log and report say it. */
    public enum Source {
        DEVICE("the model (device or MLF)", "model"),
        PARAMETER("outputShapes", "outputShapes"),
        EXPECTED_OUTPUTS("expectedOutputs", "expectedOutputs"),
        NONE("no source: written flat", "none");

        private final String words;
        private final String jsonName;

        Source(String words, String jsonName) {
            this.words = words;
            this.jsonName = jsonName;
        }

        public String words() {
            return words;
        }

        /** The run report's word for it: {@code model}, {@code outputShapes}, {@code expectedOutputs}, {@code none}. */
        public String jsonName() {
            return jsonName;
        }
    }

    /** One output's shape and where it came from. */
    public record Resolved(long[] shape, Source source) {
    }

    private static final Pattern ENTRY = Pattern.compile("\\s*([^\\s:\\[\\],;]+)\\s*:\\s*\\[([^\\]]*)\\]\\s*[,;]?");
    private static final String PARAMETER = "The output shapes";

    private final Map<String, long[]> byName;

    private OutputShapes(Map<String, long[]> byName) {
        this.byName = byName;
    }

    public static final OutputShapes NONE = new OutputShapes(Map.of());

    /**
     * Reads {@code NAME:[d0, d1, ...]} entries separated by commas, semicolons or spaces; NAME is
     * {@code output_N} or the output's name in the model. Null or blank is none.
     *
     * @throws MicroTvmException naming the parameter, the text and the expected form
     */
    public static OutputShapes parse(String text) throws MicroTvmException {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(text);
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            String name = m.group(1);
            List<Long> dims = new ArrayList<>();
            for (String dim : m.group(2).split(",")) {
                if (dim.isBlank() && m.group(2).isBlank()) {
                    break; // [] is a scalar
                }
                try {
                    long d = Long.parseLong(dim.strip());
                    if (d < 0) {
                        throw new NumberFormatException();
                    }
                    dims.add(d);
                } catch (NumberFormatException e) {
                    throw MicroTvmException.badSetting(Setting.OUTPUT_SHAPES, PARAMETER + ": the shape of '" + name
                            + "' has " + "'" + dim.strip()
                            + "', expected dimensions of 0 or more such as " + name + ":[1,12]");
                }
            }
            if (shapes.put(name, dims.stream().mapToLong(Long::longValue).toArray()) != null) {
                throw MicroTvmException.badSetting(Setting.OUTPUT_SHAPES, PARAMETER + ": '" + name
                        + "' is given twice in '" + text + "'");
            }
            at = m.end();
        }
        if (!text.substring(at).isBlank()) {
            throw MicroTvmException.badSetting(Setting.OUTPUT_SHAPES, PARAMETER + ": cannot read '"
                    + text.substring(at).strip() + "' of '" + text
                    + "'; expected NAME:[d0,d1,...] entries such as output_0:[1,12],output_1:[2,3]");
        }
        return new OutputShapes(Map.copyOf(shapes));
    }

    /**
     * The shape of output {@code index}: see the class comment for the order of sources.
     *
     * @throws MicroTvmException when {@code outputShapes} gives this output a shape of another element count
     */
    public Resolved resolve(int index, TensorSpec spec, NdArray expected) throws MicroTvmException {
        String key = "output_" + index;
        long[] given = byName.containsKey(key) ? byName.get(key) : byName.get(spec.name());
        if (given != null && count(given) != spec.elementCount()) {
            throw MicroTvmException.badSetting(Setting.OUTPUT_SHAPES, PARAMETER + " gives " + key + " ('"
                    + spec.name() + "') the shape "
                    + Arrays.toString(given) + " of " + count(given) + " elements, but the model's output has "
                    + spec.elementCount() + " (" + spec.describe() + ")");
        }
        if (spec.shapeKnown()) {
            return new Resolved(spec.shape(), Source.DEVICE);
        }
        if (given != null) {
            return new Resolved(given.clone(), Source.PARAMETER);
        }
        if (expected != null && expected.elementCount() == spec.elementCount()) {
            return new Resolved(expected.shape(), Source.EXPECTED_OUTPUTS);
        }
        return new Resolved(spec.shape(), Source.NONE);
    }

    /** Names given that are neither {@code output_N} of the model nor one of its output names. */
    public List<String> unknownNames(List<TensorSpec> outputs) {
        List<String> unknown = new ArrayList<>();
        for (String name : byName.keySet()) {
            boolean positional = name.matches("output_[0-9]{1,9}") && Integer.parseInt(name.substring(7)) < outputs.size();
            if (!positional && outputs.stream().noneMatch(o -> o.name().equals(name))) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static long count(long[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }
}
