package io.microtvm.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tvmc compile} command line for a model and its settings:
 * {@code python -m tvm.driver.tvmc compile --target=... --executor=... ... --output-format=mlf -o OUT MODEL}.
 * Every value is one argument in {@code --name=value} form, so a value that starts with a dash
 * (a target with flags) is never taken for an option.
 */
public final class TvmcCommand {

    /** Bool executor/runtime options whose TVM default is true: false must be said, not left out. */
    static final Set<String> DEFAULT_TRUE = Set.of("executor-aot-link-params");

    private TvmcCommand() {
    }

    /**
     * @param python   the interpreter that imports tvm
     * @param model    the model file
     * @param format   its format
     * @param settings the effective settings
     * @param output   where tvmc writes the MLF
     * @param version  the TVM version, which decides how a false bool option is written
     */
    public static List<String> of(String python, Path model, ModelFormat format, CompileSettings settings, Path output,
                                  TvmVersion version) {
        List<String> argv = new ArrayList<>(List.of(python, "-m", "tvm.driver.tvmc", "compile"));
        // tvmc builds the executor and runtime from their own option groups; the order does not matter
        for (Map.Entry<String, Object> e : settings.flags().entrySet()) {
            Object value = e.getValue();
            if (value instanceof Boolean b) {
                if (b) {
                    argv.add("--" + e.getKey() + "=1");
                } else if (DEFAULT_TRUE.contains(e.getKey())) {
                    argv.add("--" + e.getKey() + "=" + version.falseArgument());
                }
                // else: false is TVM's default, and leaving it out reads the same in every version
            } else {
                argv.add("--" + e.getKey() + "=" + value);
            }
        }
        for (Map.Entry<String, Object> e : settings.passConfig().entrySet()) {
            Object value = e.getValue();
            String text = value instanceof Boolean b ? (b ? "1" : "0") : value.toString();
            argv.add("--pass-config");
            argv.add(e.getKey() + "=" + text);
        }
        if (settings.inputShapes() != null) {
            argv.add("--input-shapes=" + settings.inputShapes());
        }
        argv.add("--model-format=" + format.tvmcName());
        argv.add("--output-format=mlf");
        argv.add("--output=" + output);
        argv.addAll(settings.extraArguments());
        argv.add(model.toString());
        return argv;
    }
}
