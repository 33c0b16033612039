package io.microtvm.project;

import io.microtvm.AtomicFiles;
import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The hidden dir beside a project dir where create-project makes the new project, so that it is
 * renamed into place only once complete: a failure or an interruption leaves either the old
 * project or none, never half of one. Closing it deletes it, unless a failed swap left the user's
 * old project inside.
 */
final class ProjectStaging implements AutoCloseable {

    /** Beside the project dir: {@code .microtvm-staging-NAME-UUID}. */
    static final String PREFIX = ".microtvm-staging-";
    // inside a staging dir during the swap: the project being replaced
    private static final String PREVIOUS = "previous";

    private final Path projectDir;
    private final Path dir;
    /** Set when a failed swap left the user's old project inside the staging dir. */
    private boolean keep;

    private ProjectStaging(Path projectDir, Path dir) {
        this.projectDir = projectDir;
        this.dir = dir;
    }

    /** A new staging dir for {@code projectDir} (absolute), its parent made if need be. */
    static ProjectStaging create(Path projectDir) throws IOException {
        Path parent = projectDir.getParent();
        Files.createDirectories(parent);
        // Same parent, so the final rename stays on one file system and is atomic.
        Path dir = parent.resolve(stagingPrefix(projectDir) + UUID.randomUUID());
        Files.createDirectory(dir);
        return new ProjectStaging(projectDir, dir);
    }

    /** Where the template generates the project: inside the staging dir, under the project's name. */
    Path project() {
        return dir.resolve(projectDir.getFileName());
    }

    /** Swaps the new project in; an old one is set aside first and restored if the swap fails. */
    void moveIntoPlace() throws MicroTvmException, IOException {
        Path stagedProject = project();
        Path old = dir.resolve(PREVIOUS);
        boolean hadOld = Files.exists(projectDir);
        if (hadOld) {
            AtomicFiles.rename(projectDir, old);
        }
        try {
            AtomicFiles.rename(stagedProject, projectDir);
        } catch (IOException e) {
            if (hadOld) {
                try {
                    AtomicFiles.rename(old, projectDir);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                    // keep staging: the old project is there and must not be deleted with it
                    keep = true;
                    throw new MicroTvmException(Fault.CONFIGURATION, "Could not move the new project into "
                            + projectDir + " (" + e.getMessage()
                            + ") nor the old one back. The old project is in " + old + "; move it back by hand.", e);
                }
            }
            throw e;
        }
        // the old project now sits inside the staging dir, which close() deletes
    }

    /** Staging dirs of one project are named after it, so that its leftovers can be told from others'. */
    private static String stagingPrefix(Path projectDir) {
        return PREFIX + projectDir.getFileName() + "-";
    }

    /**
     * A create-project that was killed (SIGKILL, a power cut; SIGTERM runs no clean-up either)
     * leaves its staging dir behind, and, if it died in the middle of the swap, the old project
     * inside it. The old project goes back to its place and the rest is deleted. The caller holds
     * the {@link ProjectLock}, so no staging dir of this project is in use.
     */
    static void recoverFromInterruption(Path projectDir, BuildLog log) throws IOException {
        Path parent = projectDir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        List<Path> leftovers;
        try (var entries = Files.list(parent)) {
            String prefix = stagingPrefix(projectDir);
            leftovers = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        for (Path staging : leftovers) {
            Path previous = staging.resolve(PREVIOUS);
            if (Files.isDirectory(previous) && !Files.exists(projectDir)) {
                AtomicFiles.rename(previous, projectDir);
                log.warn("Restored the project " + projectDir + ", which an interrupted create-project had set"
                        + " aside in " + staging);
            }
            AtomicFiles.deleteTree(staging);
            log.info("Removed " + staging + ", left behind by an interrupted create-project");
        }
    }

    @Override
    public void close() {
        if (!keep) {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }
}
