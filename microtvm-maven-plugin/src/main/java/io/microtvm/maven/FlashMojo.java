package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.MicroTvmException;
import io.microtvm.Step;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.project.ArtifactCoordinates;
import io.microtvm.project.GeneratedProject;
import io.microtvm.projectapi.ProjectApiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Puts a built project's firmware onto the board, or prepares the emulator or host executable
 * (the Project API's {@code flash}). Often bound to {@code integration-test}, ahead of {@code run}.
 */
@Mojo(name = "flash", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class FlashMojo extends AbstractMicroTvmMojo {
    static final String GOAL = "flash";

    @Override
    protected Step step() {
        return Step.FLASH;
    }

    /**
     * A firmware to flash instead of the project's build output, as Maven coordinates
     * groupId:artifactId:version[:classifier] of an .elf artifact (e.g. one a build attached as
     * EXECUTION-firmware), resolved from the build's repositories. Needs a template that can flash a
     * given image (a flash option image, as the bundled host and qemu-arm declare). Unset: the
     * project's own build.
     */
    @Parameter(property = "microtvm.firmwareArtifact")
    private String firmwareArtifact;

    @Override
    protected void run(BuildLog log)
            throws MicroTvmException, ProjectApiException, InvalidOptionsException, IOException, MojoFailureException {
        Path dir = existingProjectDir();
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            if (firmwareArtifact != null && !firmwareArtifact.isBlank()) {
                var coordinates = ArtifactCoordinates.parse(firmwareArtifact, "elf",
                        "firmwareArtifact (property microtvm.firmwareArtifact)");
                Path image = mavenArtifacts().resolve(coordinates,
                        "firmwareArtifact (property microtvm.firmwareArtifact)", log);
                given = new java.util.LinkedHashMap<>(given);
                given.put(GeneratedProject.IMAGE_OPTION, image.toString());
            }
            project.flash(given, serverSettings(log), retryPolicy(), log);
        }
    }
}
