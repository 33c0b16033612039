package io.microtvm.compile;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import io.microtvm.project.ProjectLocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the compile goal puts an execution's MLF, and where create-project finds it. The compile
 * dir sits beside the execution's project dir ({@code target/microtvm/project.compiled/model.tar}
 * for the execution without an id, {@code target/microtvm/X.compiled/model.tar} for execution X),
 * not inside it: create-project replaces its project dir as a whole.
 */
public final class CompiledModels {

    /** Appended to the project dir's name. */
    public static final String SUFFIX = ".compiled";

    private CompiledModels() {
    }

    /** The compile dir of an execution. */
    public static Path dirFor(ProjectLocations locations, String executionId) {
        Path project = locations.forNewProject(executionId);
        return project.resolveSibling(project.getFileName() + SUFFIX);
    }

    /**
     * The MLF create-project takes when {@code model} is set and {@code modelLibraryFormat} is not:
     * its own execution's compile output, else the only one under {@code target/microtvm/}.
     *
     * @param root the {@code target/microtvm} dir
     */
    public static Path forCreateProject(ProjectLocations locations, Path root, String executionId)
            throws MicroTvmException {
        Path own = dirFor(locations, executionId).resolve(ModelCompiler.MLF_NAME);
        if (Files.isRegularFile(own)) {
            return own;
        }
        List<Path> all = List.of();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                all = dirs.filter(d -> d.getFileName().toString().endsWith(SUFFIX))
                        .map(d -> d.resolve(ModelCompiler.MLF_NAME)).filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw MicroTvmException.ioFailure("look for compiled models under " + root, e);
            }
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        if (all.isEmpty()) {
            throw CompileException.stepNotRun("model is set but no compiled model was found (looked for " + own
                    + "): compile the model first (bind compile to a phase before create-project, e.g. with"
                    + " <goal>compile</goal> in the same execution), or give a precompiled MLF.", Step.COMPILE,
                    Setting.MLF);
        }
        throw new CompileException("model is set and several compiled models were found: " + all.stream()
                .map(Path::toString).collect(Collectors.joining(", ")) + ". Run compile in the same execution as"
                + " create-project, or give the MLF to use.", null, Setting.MLF);
    }
}
