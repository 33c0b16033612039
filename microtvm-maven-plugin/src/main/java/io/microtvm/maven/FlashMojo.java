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

/**
 * Puts a built project's firmware onto the board, or prepares the emulator or host executable
 * (the Project API's {@code flash}). Often bound to {@code integration-test}, ahead of {@code run}.
 */
@Mojo(name = "flash", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class FlashMojo extends AbstractMicroTvmMojo {
    static final String GOAL = "flash";

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected void run(BuildLog log)
            throws ProjectException, ProjectApiException, InvalidOptionsException, IOException, MojoFailureException {
        Path dir = existingProjectDir();
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            project.flash(given, serverSettingsFor(project, given, log), retryPolicy(), log);
        }
    }
}
