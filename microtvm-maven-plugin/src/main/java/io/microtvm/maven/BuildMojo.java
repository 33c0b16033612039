package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectException;
import io.microtvm.projectapi.ProjectApiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the firmware image of a generated project (the Project API's {@code build}). Incremental
 * where the template's build is; {@code force} deletes the previous build output first.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractMicroTvmMojo {
    static final String GOAL = "build";

    @Override
    protected String goal() {
        return GOAL;
    }

    /** Build clean: delete the project's {@code build/} dir first. */
    @Parameter(property = "microtvm.force", defaultValue = "false")
    private boolean force;

    @Override
    protected void run(BuildLog log)
            throws ProjectException, ProjectApiException, InvalidOptionsException, IOException, MojoFailureException {
        Path dir = existingProjectDir();
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            project.build(given, force, serverSettingsFor(project, given, log), log);
        }
    }
}
