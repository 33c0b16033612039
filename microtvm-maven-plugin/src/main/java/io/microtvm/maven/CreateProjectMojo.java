package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.MicroTvmException;
import io.microtvm.PluginVersion;
import io.microtvm.Step;
import io.microtvm.compile.CompiledModels;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.project.ArtifactCoordinates;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.StandaloneCrtSource;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateLocator;
import io.microtvm.projectapi.ProjectApiException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates a firmware project from a Model Library Format archive and a platform template (the
 * Project API's {@code generate_project}). The project gets a record of what it was made from, so
 * later goals need neither platform nor options again. An existing project made from the same
 * inputs is kept; one the plugin made under the build directory from other inputs (model, template,
 * generate_project options) is regenerated; any other existing dir is replaced only with {@code force}.
 */
@Mojo(name = "create-project", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CreateProjectMojo extends AbstractTemplateMojo {
    static final String GOAL = "create-project";

    @Override
    protected Step step() {
        return Step.CREATE_PROJECT;
    }

    /** The model: a TVM Model Library Format archive (.tar). */
    @Parameter(property = "microtvm.mlf")
    private File modelLibraryFormat;

    /**
     * A model file that the compile goal compiles (see compile); when set and modelLibraryFormat is
     * not, the project is made from the MLF compile wrote for this execution.
     */
    @Parameter(property = "microtvm.model")
    private File model;

    /**
     * The model as Maven coordinates instead of a file: groupId:artifactId:version[:classifier] of a
     * .tar artifact (a Model Library Format archive), resolved from the build's repositories (offline
     * mode and mirrors apply). The project record names the coordinates. Unset: modelLibraryFormat.
     */
    @Parameter(property = "microtvm.modelArtifact")
    private String modelArtifact;

    /**
     * TVM's {@code standalone_crt} directory, which TVM's own templates (crt, zephyr, arduino) copy
     * into the project. Default: the one beside the TVM build's {@code microtvm_template_projects} the
     * template comes from, else the MLF's own {@code runtime/} (extracted under target/); with neither,
     * create-project fails before calling the template. The bundled templates need it only for MLFs
     * without {@code runtime/} (graph exports): they use the MLF's own otherwise.
     */
    @Parameter(property = "microtvm.standaloneCrtDir")
    private File standaloneCrtDir;

    /**
     * Replace an existing project dir even where it would not follow its inputs by itself: outside the
     * build directory, or not made by create-project (deleted only once the new project is complete).
     * A dir outside the build directory that create-project did not make is never replaced.
     */
    @Parameter(property = "microtvm.force", defaultValue = "false")
    private boolean force;

    /** Asks the template (there is no project yet) what it needs. */
    @Override
    protected boolean skippedAsUnavailable(BuildLog log) throws Exception {
        return skippedForTemplateTools(log);
    }

    @Override
    protected void run(BuildLog log)
            throws MicroTvmException, ProjectApiException, InvalidOptionsException, IOException, MojoFailureException {
        Map<String, String> given = givenOptions();
        Path dir = newProjectDir();
        warnIfPomOverridesPlatform(log);
        TemplateLocator locator = templateLocator();
        Template template = locateTemplate(locator);
        Path mlf = modelLibraryFormat == null ? null : modelLibraryFormat.toPath();
        String coordinates = null;
        if (modelArtifact != null && !modelArtifact.isBlank()) {
            if (mlf != null) {
                throw new MojoFailureException("Both modelLibraryFormat (property microtvm.mlf, " + mlf
                        + ") and modelArtifact (property microtvm.modelArtifact, " + modelArtifact.strip()
                        + ") are set: give the model one way.");
            }
            String parameter = "modelArtifact (property microtvm.modelArtifact)";
            ArtifactCoordinates artifact = ArtifactCoordinates.parse(modelArtifact, "tar", parameter);
            mlf = mavenArtifacts().resolve(artifact, parameter, log);
            coordinates = artifact.coordinates();
        }
        if (mlf == null && model != null) {
            mlf = CompiledModels.forCreateProject(projectLocations(), buildDirectory.toPath().resolve("microtvm"),
                    executionId());
        }
        try (LockFile ignored = lockProject(dir, log)) {
            // a template outside a TVM build gets the MLF's own runtime/, extracted under target/ for the call
            try (StandaloneCrtSource.Chosen crt = StandaloneCrtSource.choose(
                    standaloneCrtDir == null ? null : standaloneCrtDir.toPath(), locator, template, mlf,
                    buildDirectory.toPath().resolve("microtvm").resolve(".standalone_crt-" + dir.getFileName()), log)) {
                var request = new ProjectCreator.Request(mlf, template, dir, given, force, PluginVersion.get(),
                        crt.dir(), buildDirectory.toPath(), coordinates);
                new ProjectCreator(serverSettings(log), log).create(request);
            }
        }
    }
}
