package io.microtvm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.Step;
import io.microtvm.project.ProjectLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/**
 * Bad parameter values and a project another build holds, through the goals as Maven configures
 * them: each fails before any work with a message that names the parameter (or the holder).
 * The other parameter faults are in {@link GoalsMojoTest}, {@link RunMojoTest} and the plain-Java tests
 * listed in docs/fault-table.md.
 */
@MojoTest
class ConfigurationFaultsMojoTest {
    private static final String POM = "src/test/resources/unit/goals/pom.xml";
    private static final String LOCKED = "target/harness/faults/locked";
    private static final String UNREADABLE = "/proc/sys/vm/drop_caches";
    /** Another build's goal takes the lock as the mojos do, naming itself as a goal. */
    private static final BuildLog MAVEN_LOG = new MavenBuildLog(new SystemStreamLog());

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "modelLibraryFormat", value = "target")
    void aModelThatIsADirectoryIsTheUsersFailureNamingTheParameter(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("is not a file: the model must be a Model Library Format archive (.tar)")
                .hasMessageEndingWith("Set modelLibraryFormat (property microtvm.mlf).");
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "modelArtifact", value = "com.example:model:1.0")
    void aModelGivenBothAsFileAndAsCoordinatesIsTheUsersFailureNamingBoth(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Both modelLibraryFormat (property microtvm.mlf")
                .hasMessageContaining("modelArtifact (property microtvm.modelArtifact, com.example:model:1.0)");
    }

    /**
     * A file even root cannot read, since CI runs as root: the kernel checks a write-only sysctl's
     * mode bits for every user. Skipped, saying so, on a system without it.
     */
    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "modelLibraryFormat", value = UNREADABLE)
    void aModelThatCannotBeReadIsTheUsersFailureNamingTheParameter(CreateProjectMojo mojo) {
        assumeTrue(Files.isRegularFile(Path.of(UNREADABLE)) && !Files.isReadable(Path.of(UNREADABLE)),
                UNREADABLE + " is not an unreadable file here");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("MLF file " + UNREADABLE + " is not readable by this build: check its permissions. Set"
                        + " modelLibraryFormat (property microtvm.mlf).");
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "templateDir", value = "target/harness/faults/no-such-template")
    void aTemplateDirThatIsNotThereNamesTheParameter(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no-such-template does not exist. Set templateDir (property"
                        + " microtvm.templateDir).");
    }

    @Test
    @InjectMojo(goal = "build", pom = POM)
    @MojoParameter(name = "lockTimeout", value = "-1")
    void aNegativeLockTimeoutIsRefused(BuildMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("lockTimeout (property microtvm.lockTimeout) must be 0 or more seconds; got -1.");
    }

    @Test
    @InjectMojo(goal = "flash", pom = POM)
    @MojoParameter(name = "queryTimeout", value = "-5")
    void aNegativeQueryTimeoutIsRefused(FlashMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("microtvm.queryTimeout and microtvm.timeout must be positive")
                .hasMessageContaining("got -5 and");
    }

    /** RetryPolicy alone checks retries and retryDelay; the goal asks it before any work. */
    @Test
    @InjectMojo(goal = "flash", pom = POM)
    @MojoParameter(name = "retries", value = "-1")
    void aNegativeRetriesIsRefusedByTheRetryPolicyBeforeLookingForTheProject(FlashMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The number of retries must be 0 or more; got -1. Set retries (property microtvm.retries).");
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "repeat", value = "0")
    void aRepeatBelowOneIsRefusedBeforeLookingForTheProject(RunMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The number of runs must be at least 1, got 0. Set repeat (property microtvm.repeat).");
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "hostFileThreshold", value = "-2")
    void aHostFileThresholdBelowMinusOneIsRefusedNamingItsProperty(RunMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("The host-file threshold must be a size in bytes, 0 (every tensor through host files where"
                        + " possible) or -1 (never); got -2. Set hostFileThreshold (property microtvm.hostFileThreshold).");
    }

    /** Another build holds the project: a goal waits lockTimeout, then fails naming the holder. */
    @Test
    @InjectMojo(goal = "build", pom = POM)
    @MojoParameter(name = "projectDir", value = LOCKED)
    @MojoParameter(name = "lockTimeout", value = "1")
    void aProjectAnotherBuildHoldsTimesOutNamingTheHolderAndTheParameter(BuildMojo build) throws Exception {
        Path dir = Path.of(LOCKED).toAbsolutePath();
        Files.createDirectories(dir.getParent());
        try (LockFile held = ProjectLock.acquire(dir, Duration.ZERO, Step.FLASH, MAVEN_LOG)) {
            assertThatThrownBy(build::execute)
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("Timed out after 1 s waiting for the project dir " + dir
                            + ", which another build is using: microtvm:flash on " + dir + " (pid "
                            + ProcessHandle.current().pid())
                    .hasMessageContaining("wait longer than the lock timeout (now 1 s). Set lockTimeout (property"
                            + " microtvm.lockTimeout).");
            assertThat(held.path()).isEqualTo(ProjectLock.lockFileOf(dir));
        }
        // the goal went no further than the lock: no project was looked for, none made
        assertThat(dir).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "projectDir", value = LOCKED)
    @MojoParameter(name = "lockTimeout", value = "0")
    void createProjectOnAProjectAnotherBuildHoldsFailsAtOnceWithZeroLockTimeout(CreateProjectMojo create)
            throws Exception {
        Path dir = Path.of(LOCKED).toAbsolutePath();
        Files.createDirectories(dir.getParent());
        try (LockFile ignored = ProjectLock.acquire(dir, Duration.ZERO, Step.RUN, MAVEN_LOG)) {
            assertThatThrownBy(create::execute)
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("which another build is using: microtvm:run on " + dir);
        }
        assertThat(dir).doesNotExist();
    }
}
