package io.microtvm.compile;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.projectapi.ToolProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The TVM the user's Python imports: found by importing it in a short-lived child, so a missing
 * TVM is reported as such before any compile starts, with its version and where it lives.
 *
 * @param version  {@code tvm.__version__}
 * @param location {@code tvm.__file__}
 */
public record TvmInstallation(TvmVersion version, String location) {

    private static final String VERSION_LINE = "microtvm-probe-version: ";
    private static final String LOCATION_LINE = "microtvm-probe-location: ";
    private static final String ERROR_LINE = "microtvm-probe-error: ";
    // exit status of sh when the program to exec is not found
    private static final int NOT_FOUND = 127;

    private static final String PROBE = String.join("\n",
            "import sys",
            "try:",
            "    import tvm",
            "except BaseException as e:",
            "    sys.stdout.write('" + ERROR_LINE + "%s: %s\\n' % (type(e).__name__, e))",
            "    sys.exit(3)",
            "sys.stdout.write('" + VERSION_LINE + "%s\\n' % getattr(tvm, '__version__', 'unknown'))",
            "sys.stdout.write('" + LOCATION_LINE + "%s\\n' % getattr(tvm, '__file__', ''))",
            "");

    /**
     * Imports tvm with {@code python} in {@code directory} with the inherited environment plus
     * {@code environment}, within {@code deadline}.
     *
     * @throws CompileException TVM cannot be imported, or the interpreter does not run
     */
    public static TvmInstallation find(String python, Path directory, Map<String, String> environment,
                                       Duration deadline, BuildLog log) throws MicroTvmException {
        return MicroTvmException.failingAs("run the Python interpreter '" + python + "' to import tvm",
                () -> probe(python, directory, environment, deadline, log));
    }

    private static TvmInstallation probe(String python, Path directory, Map<String, String> environment,
                                         Duration deadline, BuildLog log) throws CompileException, IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> command = List.of(python, "-c", PROBE);
        OptionalInt status;
        try (ToolProcess probe = ToolProcess.start(command, directory, environment, line -> {
            lines.add(line);
            log.debug("[tvm import] " + line);
        })) {
            status = probe.awaitExit(deadline);
        }
        String pythonPath = environment.getOrDefault("PYTHONPATH", System.getenv("PYTHONPATH"));
        String where = "Python interpreter '" + python + "' (" + log.name(Setting.PYTHON) + ", " + log.where(Setting.PYTHON) + "; PYTHONPATH "
                + (pythonPath == null || pythonPath.isEmpty() ? "not set" : "'" + pythonPath + "'") + ")";
        String noTvmNeeded = " A precompiled MLF needs no TVM: set " + log.describe(Setting.MLF)
                + " instead of model.";
        if (status.isEmpty()) {
            throw new CompileException("Importing tvm with " + where + " did not finish within " + deadline.toSeconds()
                    + " s (" + log.name(Setting.QUERY_TIMEOUT) + ", " + log.where(Setting.QUERY_TIMEOUT) + "); killed it. Its last lines:\n  "
                    + String.join("\n  ", lines) + "\n" + noTvmNeeded.strip(), null, null);
        }
        if (status.getAsInt() == NOT_FOUND) {
            throw new CompileException("The " + where + " cannot be run: " + String.join(" ", lines).strip()
                    + ". Set " + log.describe(Setting.PYTHON) + " to a Python 3 that imports tvm." + noTvmNeeded, null,
                    null);
        }
        String version = value(lines, VERSION_LINE);
        if (status.getAsInt() != 0 || version == null) {
            String error = value(lines, ERROR_LINE);
            throw new CompileException("TVM cannot be imported by the " + where + ": "
                    + (error != null ? error : "exit status " + status.getAsInt() + ", output:\n  " + String.join("\n  ", lines))
                    + ". Compiling a model needs TVM (0.13 to 0.18, built with USE_MICRO): install it for that"
                    + " interpreter, point " + log.key(Setting.PYTHON) + " at one that has it, or put TVM's python/ dir on PYTHONPATH"
                    + " (the environment, or the goal's environmentVariables; a source build also needs"
                    + " TVM_LIBRARY_PATH)." + noTvmNeeded, null, null);
        }
        return new TvmInstallation(TvmVersion.parse(version), value(lines, LOCATION_LINE));
    }

    private static String value(List<String> lines, String prefix) {
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }
}
