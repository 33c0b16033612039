package io.microtvm.project;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a goal's project dir is when the user did not set one.
 *
 * <p>Each execution of the plugin in a POM gets its own dir, so one execution per model or per
 * board never collide: the execution without an id ({@code default}) uses
 * {@code target/microtvm/project}, an execution with id X uses {@code target/microtvm/X}. A goal
 * that needs an existing project (build, flash, run) takes its own execution's dir if that holds a
 * project, else the only project under {@code target/microtvm/}; with several it fails and names
 * them. So {@code mvn microtvm:flash} typed on the command line ({@code default-cli}), or a flash
 * bound to another phase in an execution of its own, finds the project the lifecycle made.
 */
public final class ProjectLocations {
    public static final String DEFAULT_NAME = "project";
    static final String DEFAULT_EXECUTION = "default";
    static final String CLI_EXECUTION = "default-cli";

    private final Path root;

    /** @param root the {@code target/microtvm} dir */
    public ProjectLocations(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The dir a new project of this execution goes to. */
    public Path forNewProject(String executionId) {
        return root.resolve(isUnnamed(executionId) ? DEFAULT_NAME : executionId);
    }

    /**
     * The existing project a goal of this execution works on.
     *
     * @param goal the goal as the user runs it ({@code mvn microtvm:flash} in Maven), to show how to
     *             run it for one execution ({@code goal@execution})
     */
    public Path forExistingProject(String executionId, String goal) throws MicroTvmException {
        Path own = forNewProject(executionId);
        if (ProjectRecord.existsIn(own)) {
            return own;
        }
        List<Path> projects = projectsUnderRoot();
        if (projects.size() == 1) {
            return projects.get(0);
        }
        if (projects.isEmpty()) {
            throw MicroTvmException.stepNotRun(Step.CREATE_PROJECT, Setting.PROJECT_DIR, "No project found under "
                    + root + " (create-project may run in the lifecycle phase it is bound to).");
        }
        throw MicroTvmException.badSetting(Setting.PROJECT_DIR, "Several projects found under " + root + ": "
                + projects.stream()
                .map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + ". Say which one: run the goal of its execution (" + goal + "@<execution-id>, e.g. "
                + goal + "@" + projects.get(0).getFileName() + ") or name the project's dir.");
    }

    private List<Path> projectsUnderRoot() throws MicroTvmException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).filter(ProjectRecord::existsIn).sorted().toList();
        } catch (IOException e) {
            throw MicroTvmException.ioFailure("list the projects under " + root, e);
        }
    }

    private static boolean isUnnamed(String executionId) {
        return executionId == null || DEFAULT_EXECUTION.equals(executionId) || CLI_EXECUTION.equals(executionId);
    }
}
