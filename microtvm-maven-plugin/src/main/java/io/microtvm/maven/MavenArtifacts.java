package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.project.ArtifactCoordinates;
import io.microtvm.project.AttachedArtifacts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * The goals' two ways into Maven's repositories: resolving an artifact named by coordinates (a model,
 * tensors, a firmware) through the build's repository system, so that offline mode, mirrors and
 * credentials of the settings apply; and attaching files to the project, so that {@code install}
 * and {@code deploy} publish them.
 */
final class MavenArtifacts {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final MavenProject project;
    private final MavenProjectHelper helper;

    MavenArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                   MavenProject project, MavenProjectHelper helper) {
        this.system = system;
        this.session = session;
        this.repositories = repositories == null ? List.of() : repositories;
        this.project = project;
        this.helper = helper;
    }

    /**
     * The file of parameter {@code name}, given as a file or, with parameter {@code artifactName}, as the
     * coordinates of an {@code extension} artifact; null when neither is set. Both set is the user's failure.
     */
    Path fileOrArtifact(File file, String name, String coordinates, String artifactName, String extension,
                        BuildLog log) throws MojoFailureException, MicroTvmException {
        if (coordinates == null || coordinates.isBlank()) {
            return file == null ? null : file.toPath();
        }
        if (file != null) {
            throw new MojoFailureException("Both " + name + " (property " + PropertyNames.PREFIX + name + ", " + file
                    + ") and " + artifactName + " (property " + PropertyNames.PREFIX + artifactName + ", "
                    + coordinates.strip() + ") are set: give them one way.");
        }
        String parameter = artifactName + " (property " + PropertyNames.PREFIX + artifactName + ")";
        return resolve(ArtifactCoordinates.parse(coordinates, extension, parameter), parameter, log);
    }

    /** The local file of {@code coordinates}, downloaded first where the session allows it. */
    Path resolve(ArtifactCoordinates coordinates, String parameter, BuildLog log) throws MicroTvmException {
        if (system == null || session == null) {
            throw new MicroTvmException(Fault.CONFIGURATION, parameter
                    + " needs Maven's repository system, which this goal was not given"
                    + " (run it in a Maven build).");
        }
        var artifact = new DefaultArtifact(coordinates.groupId(), coordinates.artifactId(), coordinates.classifier(),
                coordinates.extension(), coordinates.version());
        try {
            var result = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null));
            Path file = result.getArtifact().getFile().toPath();
            log.info("Resolved " + parameter.split(" ")[0] + " " + coordinates + " to " + file
                    + (result.getRepository() == null ? "" : " (from " + result.getRepository().getId() + ")"));
            return file;
        } catch (ArtifactResolutionException e) {
            throw new MicroTvmException(Fault.CONFIGURATION, "Cannot resolve " + parameter + " " + coordinates + ": "
                    + e.getMessage()
                    + (session.isOffline() ? " (the build is offline: install or download it first)" : ""), e);
        }
    }

    /**
     * Attaches {@code file} to the project as {@code type} (its extension) with the classifier of
     * {@code kind} for {@code executionId}; a missing file is skipped with a warning.
     */
    void attach(AttachedArtifacts kind, String executionId, String type, Path file, BuildLog log) {
        if (project == null || helper == null || project.getArtifact() == null) {
            log.debug("Not attaching " + file + ": no Maven project");
            return;
        }
        if (!Files.isRegularFile(file)) {
            log.warn("Not attaching " + file + " (" + kind.classifier(executionId) + "): it does not exist");
            return;
        }
        String classifier = kind.classifier(executionId);
        helper.attachArtifact(project, type, classifier, file.toFile());
        log.info("Attached " + file.getFileName() + " as " + project.getGroupId() + ":" + project.getArtifactId() + ":"
                + type + ":" + classifier + ":" + project.getVersion());
    }
}
