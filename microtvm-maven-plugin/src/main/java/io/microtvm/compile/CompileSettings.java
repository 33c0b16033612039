package io.microtvm.compile;

import io.microtvm.BuildLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The effective settings of one compile: tvmc options, PassContext configs, input shapes and the
 * raw extra arguments. Two compiles with equal settings of the same model give the same MLF, which
 * is what the up-to-date check relies on.
 *
 * @param flags          tvmc options by name without dashes ({@code executor-aot-interface-api}), typed
 *                       (Boolean, Long, String)
 * @param passConfig     PassContext configs by name ({@code tir.disable_vectorize}), typed
 * @param inputShapes    tvmc's {@code --input-shapes} value, or null
 * @param extraArguments arguments appended as given ({@code compileArguments})
 */
public record CompileSettings(SortedMap<String, Object> flags, SortedMap<String, Object> passConfig,
                              String inputShapes, List<String> extraArguments) {

    public CompileSettings {
        flags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(flags));
        passConfig = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(passConfig));
        extraArguments = List.copyOf(extraArguments == null ? List.of() : extraArguments);
    }

    /**
     * The executor, runtime and pass configs a project kind needs, as the shared fixtures were
     * compiled (fixtures/mlf/PROVENANCE.md): standalone = AOT, C interface, unpacked API, runtime crt;
     * host-driven = AOT with the packed API, runtime crt with system-lib, or with {@code executor}
     * graph the graph executor (link-params off), runtime crt with system-lib. Every AOT build plans
     * its memory with USMP (so the workspace is a static buffer), every build has
     * {@code tir.disable_vectorize} (the C target cannot vectorise).
     */
    public static CompileSettings defaults(String target, ProjectKind kind, String executor) {
        SortedMap<String, Object> flags = new TreeMap<>();
        SortedMap<String, Object> pass = new TreeMap<>();
        flags.put("target", target);
        flags.put("runtime", "crt");
        pass.put("tir.disable_vectorize", true);
        if ("graph".equals(executor)) {
            flags.put("executor", "graph");
            flags.put("executor-graph-link-params", false);
            flags.put("runtime-crt-system-lib", true);
        } else {
            flags.put("executor", "aot");
            pass.put("tir.usmp.enable", true);
            if (kind == ProjectKind.STANDALONE) {
                flags.put("executor-aot-interface-api", "c");
                flags.put("executor-aot-unpacked-api", true);
            } else {
                flags.put("executor-aot-interface-api", "packed");
                flags.put("executor-aot-unpacked-api", false);
                flags.put("runtime-crt-system-lib", true);
            }
        }
        return new CompileSettings(flags, pass, null, List.of());
    }

    /**
     * The table's choice with the user's {@code compileOptions} on top. Choosing another executor or
     * runtime drops the defaults that belonged to the one replaced; options of an executor or runtime
     * other than the one used are an error (tvmc refuses them too, but only once TVM has loaded).
     */
    public static CompileSettings resolve(BoardDefaults.Choice choice, TvmcOptions.Typed user, String inputShapes,
                                          List<String> extraArguments, BuildLog log) throws CompileException {
        String executor = (String) user.flags().getOrDefault("executor", "aot");
        String target = (String) user.flags().getOrDefault("target", choice.target());
        CompileSettings base = defaults(target, choice.kind(), executor);
        SortedMap<String, Object> flags = new TreeMap<>(base.flags());
        String runtime = (String) user.flags().getOrDefault("runtime", "crt");
        if (!runtime.equals(flags.get("runtime"))) {
            flags.keySet().removeIf(k -> k.startsWith("runtime-"));
        }
        flags.putAll(user.flags());
        List<String> problems = new ArrayList<>();
        for (String key : flags.keySet()) {
            if (key.startsWith("executor-") && !key.startsWith("executor-" + executor + "-")) {
                problems.add("'" + key + "' is an option of another executor than '" + executor + "'");
            }
            if (key.startsWith("runtime-") && !key.startsWith("runtime-" + runtime + "-")) {
                problems.add("'" + key + "' is an option of another runtime than '" + runtime + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new CompileException("compileOptions do not fit together: " + String.join("; ", problems) + ".",
                    null, null);
        }
        SortedMap<String, Object> pass = new TreeMap<>(base.passConfig());
        pass.putAll(user.passConfig());
        CompileSettings settings = new CompileSettings(flags, pass, inputShapes, extraArguments);
        if (choice.kind() == ProjectKind.STANDALONE && !settings.isStandaloneCapable()) {
            log.warn("A standalone project calls the model through the C interface; these settings ("
                    + settings.describeExecutor() + ") make an MLF without it, which standalone firmware cannot call.");
        }
        return settings;
    }

    /** AOT with the C interface: what standalone firmware calls. */
    boolean isStandaloneCapable() {
        return "aot".equals(flags.get("executor")) && "c".equals(flags.get("executor-aot-interface-api"));
    }

    /** "executor aot (interface-api c, unpacked-api true), runtime crt", for log lines. */
    public String describeExecutor() {
        return describe("executor") + ", " + describe("runtime");
    }

    private String describe(String registry) {
        Object name = flags.get(registry);
        String prefix = registry + "-" + name + "-";
        List<String> options = new ArrayList<>();
        flags.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                options.add(k.substring(prefix.length()) + " " + v);
            }
        });
        return registry + " " + name + (options.isEmpty() ? "" : " (" + String.join(", ", options) + ")");
    }

    /** One line for the log: target, executor, runtime, pass configs, shapes. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("target '" + flags.get("target") + "'");
        parts.add(describeExecutor());
        flags.forEach((k, v) -> {
            if (!k.equals("target") && !k.startsWith("executor") && !k.startsWith("runtime")) {
                parts.add(k + " " + v);
            }
        });
        passConfig.forEach((k, v) -> parts.add(k + "=" + v));
        if (inputShapes != null) {
            parts.add("input shapes " + inputShapes);
        }
        if (!extraArguments.isEmpty()) {
            parts.add("extra arguments " + String.join(" ", extraArguments));
        }
        return String.join(", ", parts);
    }

    /** The settings as plain maps and lists, for the compile record (and its comparison). */
    public Map<String, Object> toRecord() {
        Map<String, Object> map = new TreeMap<>();
        map.put("flags", flags);
        map.put("passConfig", passConfig);
        map.put("inputShapes", inputShapes);
        map.put("extraArguments", extraArguments);
        return map;
    }
}
