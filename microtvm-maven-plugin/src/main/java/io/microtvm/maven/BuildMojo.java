package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.MicroTvmException;
import io.microtvm.Step;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.project.AttachedArtifacts;
import io.microtvm.project.Footprint;
import io.microtvm.project.GeneratedProject;
import io.microtvm.projectapi.ProjectApiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    protected Step step() {
        return Step.BUILD;
    }

    /** Build clean: delete the project's {@code build/} dir first. */
    @Parameter(property = "microtvm.force", defaultValue = "false")
    private boolean force;

    /**
     * Most flash (code + initialised data) the firmware may need, in bytes; more fails the build. Needs a
     * template that reports its footprint (qemu-arm). Unset: no limit beyond the board's.
     */
    @Parameter(property = "microtvm.maxFlashBytes")
    private Long maxFlashBytes;

    /**
     * Most RAM (data + bss + heap + stack) the firmware may need, in bytes; more fails the build. Needs a
     * template that reports its footprint (qemu-arm). Unset: no limit beyond the board's.
     */
    @Parameter(property = "microtvm.maxRamBytes")
    private Long maxRamBytes;

    /**
     * Attach the firmware image(s) and the footprint report to the Maven project (classifiers
     * EXECUTION-firmware and EXECUTION-footprint), so that {@code install} and {@code deploy} publish them.
     */
    @Parameter(property = "microtvm.attach", defaultValue = "true")
    private boolean attach;

    @Override
    protected void run(BuildLog log)
            throws MicroTvmException, ProjectApiException, InvalidOptionsException, IOException, MojoFailureException {
        Path dir = existingProjectDir();
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            project.build(given, force, serverSettings(log), log);
            checkFootprint(project, log);
            if (attach) {
                attachOutputs(project, log);
            }
        }
    }

    private void attachOutputs(GeneratedProject project, BuildLog log) {
        MavenArtifacts artifacts = mavenArtifacts();
        Map<String, Path> images = project.firmwareImages();
        if (images.isEmpty()) {
            log.info("No firmware attached: " + project.record().describeSource() + " did not declare which images"
                    + " its build writes (firmware_images in its server_info_query reply), or the build wrote none");
        }
        images.forEach((extension, file) -> artifacts.attach(AttachedArtifacts.FIRMWARE, executionId(), extension,
                file, log));
        Path footprint = project.dir().resolve(Footprint.FILE);
        if (java.nio.file.Files.isRegularFile(footprint)) {
            artifacts.attach(AttachedArtifacts.FOOTPRINT, executionId(), "json", footprint, log);
        }
    }

    private void checkFootprint(GeneratedProject project, BuildLog log) throws MicroTvmException, MojoFailureException {
        Optional<Footprint> footprint = Footprint.of(project.dir());
        footprint.ifPresent(f -> log.info("Footprint: " + f.summary()));
        if (maxFlashBytes == null && maxRamBytes == null) {
            return;
        }
        if (footprint.isEmpty()) {
            throw new MojoFailureException("maxFlashBytes/maxRamBytes are set, but " + project.record().describeSource()
                    + " reports no footprint (" + project.dir().resolve(Footprint.FILE) + " is missing); remove the"
                    + " budget or use a template that reports one (qemu-arm).");
        }
        List<String> problems = footprint.get().overBudget(maxFlashBytes, maxRamBytes, log);
        if (!problems.isEmpty()) {
            throw new MojoFailureException("The firmware of " + project.dir() + " is over its footprint budget: "
                    + String.join("; ", problems) + ". Footprint: " + footprint.get().summary() + ".");
        }
    }
}
