package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.PluginVersion;
import io.microtvm.Step;
import io.microtvm.compile.BoardDefaults;
import io.microtvm.compile.CompileSettings;
import io.microtvm.compile.CompiledModels;
import io.microtvm.compile.InputShapes;
import io.microtvm.compile.ModelCompiler;
import io.microtvm.compile.ModelFormat;
import io.microtvm.compile.TvmcOptions;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles a model (TFLite or ONNX) into the Model Library Format archive create-project takes,
 * with the TVM of the configured Python ({@code tvmc compile}) and the compile settings the
 * platform, board and project type need (target, executor, runtime, pass configs), plus the user's
 * {@code compileOptions}. Nothing is compiled, and TVM is not started, when the model and the
 * settings are those of the last compile.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class CompileMojo extends AbstractTemplateMojo {
    static final String GOAL = "compile";

    @Override
    protected Step step() {
        return Step.COMPILE;
    }

    /**
     * The model to compile: a {@code .tflite} or {@code .onnx} file. create-project then takes the
     * compiled MLF unless {@code modelLibraryFormat} is set.
     */
    @Parameter(property = "microtvm.model")
    private File model;

    /** The model's format, {@code tflite} or {@code onnx}; default: from the file's extension. */
    @Parameter(property = "microtvm.modelFormat")
    private String modelFormat;

    /**
     * tvmc compile options over the defaults of the platform and board (a map; names as tvmc's
     * flags without dashes: target, executor, executor-aot-interface-api, runtime-crt-system-lib,
     * opt-level, ...). Names with a dot are PassContext configs ({@code tir.usmp.algorithm}).
     * Unknown names are refused with the nearest known one; anything else goes in compileArguments.
     */
    @Parameter
    private Map<String, String> compileOptions;

    /**
     * Shapes for model inputs with free dimensions, in tvmc's syntax: {@code name:[1,49,10,1] other:[1,8]}.
     * Empty: the shapes the model declares.
     */
    @Parameter(property = "microtvm.inputShapes")
    private String inputShapes;

    /** Further tvmc compile arguments, passed as given before the model file (BYOC targets, layouts). */
    @Parameter
    private List<String> compileArguments;

    /**
     * Environment variables for TVM's processes, over the build's environment: PYTHONPATH,
     * TVM_LIBRARY_PATH, TVM_CONFIGS_JSON_DIR for a TVM built from source. Empty: the build's own.
     */
    @Parameter
    private Map<String, String> environmentVariables;

    /** Compile even when the model and the settings are those of the last compile. */
    @Parameter(property = "microtvm.force", defaultValue = "false")
    private boolean force;

    /** The configured variables; an empty element ({@code <X/>}) arrives as null and means the empty string. */
    private Map<String, String> environment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (environmentVariables != null) {
            environmentVariables.forEach((k, v) -> env.put(k, v == null ? "" : v));
        }
        return env;
    }

    /** The execution's platform decides, as for create-project: compiling for a board this agent cannot build for is moot. */
    @Override
    protected boolean skippedAsUnavailable(BuildLog log) throws Exception {
        return skippedForTemplateTools(log);
    }

    @Override
    protected void run(BuildLog log) throws Exception {
        if (model == null) {
            throw new MojoFailureException("No model to compile: set <model> (property microtvm.model) to a .tflite or"
                    + " .onnx file, or drop the compile goal and give create-project a precompiled"
                    + " <modelLibraryFormat>.");
        }
        Map<String, String> templateOptions = givenOptions();
        BoardDefaults.Choice choice = BoardDefaults.forTemplate(platform, templateDir != null, templateOptions);
        choice.warning().ifPresent(w -> log.warn("compile: " + w + "."));
        CompileSettings settings = CompileSettings.resolve(choice, TvmcOptions.parse(compileOptions, log),
                InputShapes.parse(inputShapes), compileArguments, log);
        Path dir = CompiledModels.dirFor(projectLocations(), executionId());
        Path workingDir = project != null && project.getBasedir() != null
                ? project.getBasedir().toPath() : Path.of("").toAbsolutePath();
        var request = new ModelCompiler.Request(model.toPath(), ModelFormat.of(model.toPath(), modelFormat), settings,
                choice.basis(), dir, python, environment(), workingDir,
                Duration.ofSeconds(queryTimeout), Duration.ofSeconds(timeout), force, PluginVersion.get());
        try (LockFile ignored = lockProject(dir, log)) {
            new ModelCompiler(log).compile(request);
        }
    }
}
