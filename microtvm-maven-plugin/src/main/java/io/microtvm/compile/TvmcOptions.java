package io.microtvm.compile;

import io.microtvm.Setting;
import io.microtvm.SettingNames;
import io.microtvm.options.NearestName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code compileOptions} a user may give, typed as TVM v0.18.0's {@code tvmc compile} declares
 * them (python/tvm/driver/tvmc/compiler.py, registry.py; the executor and runtime attributes of
 * src/relay/backend/executor.cc and runtime.cc).
 *
 * <p>A key without a dot is a tvmc option and must be one of {@link #FLAGS}: an unknown one is
 * refused with the nearest known name, since tvmc would refuse it only after loading TVM. A key with a dot is a
 * PassContext config ({@code --pass-config NAME=VALUE}); the ones in {@link #PASS_CONFIGS} are
 * typed, any other is passed through for TVM to check, as TVM has many and plugins add more.
 * Options outside this list (BYOC targets, layouts, mixed precision) go in {@code compileArguments}.
 */
public final class TvmcOptions {

    /** tvmc options a user may set through {@code compileOptions}. */
    public static final Map<String, TvmcOption> FLAGS = byName(List.of(
            TvmcOption.text("target"),
            TvmcOption.choice("executor", "aot", "graph"),
            TvmcOption.choice("executor-aot-interface-api", "c", "packed"),
            TvmcOption.bool("executor-aot-unpacked-api"),
            TvmcOption.bool("executor-aot-link-params"),
            TvmcOption.integer("executor-aot-workspace-byte-alignment", 1, 4096),
            TvmcOption.integer("executor-aot-constant-byte-alignment", 1, 4096),
            TvmcOption.bool("executor-graph-link-params"),
            TvmcOption.choice("runtime", "crt", "cpp"),
            TvmcOption.bool("runtime-crt-system-lib"),
            TvmcOption.bool("runtime-cpp-system-lib"),
            TvmcOption.integer("opt-level", 0, 3),
            TvmcOption.text("module-name"),
            TvmcOption.text("disabled-pass"),
            TvmcOption.text("tuning-records")));

    /** PassContext configs whose type the plugin checks; others are passed through as given. */
    public static final Map<String, TvmcOption> PASS_CONFIGS = byName(List.of(
            TvmcOption.bool("tir.disable_vectorize"),
            TvmcOption.bool("tir.usmp.enable"),
            TvmcOption.choice("tir.usmp.algorithm", "greedy_by_size", "greedy_by_conflicts", "hill_climb"),
            TvmcOption.bool("tir.usmp.use_workspace_io"),
            TvmcOption.bool("tir.disable_storage_rewrite")));

    /** tvmc options the plugin sets itself from a setting of its own, which is to be used instead. */
    static final Map<String, Setting> SET_BY_SETTING = Map.of(
            "model-format", Setting.MODEL_FORMAT,
            "input-shapes", Setting.INPUT_SHAPES);

    /** tvmc options the plugin sets itself, with why. */
    static final Map<String, String> RESERVED = Map.of(
            "output", "the plugin writes the MLF to target/microtvm/<execution>.compiled/model.tar",
            "o", "the plugin writes the MLF to target/microtvm/<execution>.compiled/model.tar",
            "output-format", "the plugin always asks for mlf, the format create-project takes",
            "f", "the plugin always asks for mlf, the format create-project takes",
            "pass-config", "give each pass config as its own key, e.g. <tir.usmp.algorithm>hill_climb</tir.usmp.algorithm>",
            "cross-compiler", "an MLF holds C sources; the template's build compiles them");

    private TvmcOptions() {
    }

    /** The user's options, typed and split into tvmc options and pass configs. */
    public record Typed(SortedMap<String, Object> flags, SortedMap<String, Object> passConfig) {
    }

    /** {@link #parse(Map, SettingNames)}, naming settings in the core's own words. */
    public static Typed parse(Map<String, String> given) throws CompileException {
        return parse(given, SettingNames.PLAIN);
    }

    /**
     * Checks and converts {@code given} (the user's tvmc options); every problem is reported at once,
     * a setting to use instead named as {@code names} names it.
     */
    public static Typed parse(Map<String, String> given, SettingNames names) throws CompileException {
        SortedMap<String, Object> flags = new TreeMap<>();
        SortedMap<String, Object> passConfig = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (given != null) {
            for (Map.Entry<String, String> e : given.entrySet()) {
                String key = e.getKey().strip();
                String value = e.getValue() == null ? "" : e.getValue();
                if (key.startsWith("-")) {
                    problems.add("'" + key + "': give the name without dashes ('" + key.replaceFirst("^-+", "") + "')");
                } else if (key.contains(".")) {
                    TvmcOption known = PASS_CONFIGS.get(key);
                    if (known == null) {
                        String v = value.strip();
                        if (v.isEmpty() || v.contains("=")) {
                            problems.add("pass config '" + key + "': given '" + value + "', expected a value without '='");
                        } else {
                            passConfig.put(key, v);
                        }
                    } else {
                        known.convert(value).ifPresentOrElse(v -> passConfig.put(key, v),
                                () -> problems.add("pass config '" + key + "': given '" + value + "', expected "
                                        + known.expected()));
                    }
                } else if (SET_BY_SETTING.containsKey(key)) {
                    problems.add("'" + key + "' is not an option to give here: set "
                            + names.describe(SET_BY_SETTING.get(key)) + " instead");
                } else if (RESERVED.containsKey(key)) {
                    problems.add("'" + key + "' is not an option to give here: " + RESERVED.get(key));
                } else if (!FLAGS.containsKey(key)) {
                    problems.add("'" + key + "': not a tvmc compile option the plugin knows"
                            + NearestName.among(key, FLAGS.keySet()).map(n -> "; did you mean '" + n + "'?").orElse(".")
                            + " Known: " + String.join(", ", FLAGS.keySet())
                            + "; pass configs are keys with a dot; anything else goes in compileArguments");
                } else {
                    TvmcOption known = FLAGS.get(key);
                    known.convert(value).ifPresentOrElse(v -> flags.put(key, v),
                            () -> problems.add("'" + key + "': given '" + value + "', expected " + known.expected()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CompileException(problems.size() + (problems.size() == 1 ? " invalid entry" : " invalid entries")
                    + " in compileOptions:\n  - " + String.join("\n  - ", problems), null, null);
        }
        return new Typed(flags, passConfig);
    }

    private static Map<String, TvmcOption> byName(List<TvmcOption> options) {
        Map<String, TvmcOption> map = new LinkedHashMap<>();
        options.forEach(o -> map.put(o.name(), o));
        return java.util.Collections.unmodifiableMap(map);
    }
}
