package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.MicroTvmException;
import io.microtvm.Step;
import io.microtvm.project.ProjectLocations;
import io.microtvm.project.ProjectLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * What every microTVM goal shares: skipping, the Python interpreter and deadlines for Project API
 * servers, the options, and turning the plain-Java layer's exceptions into Maven's two kinds
 * ({@link MojoExceptions}).
 */
abstract class AbstractMicroTvmMojo extends CommonParameters {

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String skipReason = skipReason();
        if (skipReason != null) {
            getLog().info("Skipping microtvm:" + goal() + " (" + skipReason + ")");
            skipped(new MavenBuildLog(getLog()), skipReason);
            return;
        }
        try {
            BuildLog log = new MavenBuildLog(getLog());
            if (skipIfUnavailable && skippedAsUnavailable(log)) {
                // (logged with what is missing) run still reports itself skipped
                skipped(log, "microtvm.skipIfUnavailable=true");
                return;
            }
            execute(log);
        } catch (Exception e) {
            Exception mapped = MojoExceptions.toMojoException(e);
            if (mapped instanceof MojoFailureException f) {
                throw f;
            }
            throw (MojoExecutionException) mapped;
        }
    }

    /** Why this goal is skipped, as the property that says so ({@code microtvm.skip=true}); null when it runs. */
    protected String skipReason() {
        return skip ? "microtvm.skip=true" : null;
    }

    /** What a skipped goal still does (run: a report that says it was skipped); nothing by default. */
    protected void skipped(BuildLog log, String reason) throws MojoExecutionException {
    }

    /** The parameters every goal shares, checked; the goal's work. */
    protected void execute(BuildLog log) throws Exception {
        checkCommonParameters();
        run(log);
    }

    /** Fails naming the parameter when a deadline, retry or lock setting is out of range. */
    protected final void checkCommonParameters() throws MojoFailureException, MicroTvmException {
        if (queryTimeout <= 0 || timeout <= 0) {
            throw new MojoFailureException("microtvm.queryTimeout and microtvm.timeout must be positive numbers of"
                    + " seconds; got " + queryTimeout + " and " + timeout + ".");
        }
        retryPolicy(); // the policy checks its own settings
        if (lockTimeout < 0) {
            throw new MojoFailureException("lockTimeout (property microtvm.lockTimeout) must be 0 or more seconds;"
                    + " got " + lockTimeout + ".");
        }
    }

    /**
     * With skipIfUnavailable: whether this goal is skipped because this agent lacks a program the
     * project's template needs (logged here). Goals on an existing project ask its server; a goal whose
     * project was not created because create-project found the tools missing is skipped too.
     */
    protected boolean skippedAsUnavailable(BuildLog log) throws Exception {
        UnavailableTools unavailable = UnavailableTools.of(project, goal());
        Path dir;
        try {
            dir = existingProjectDir();
        } catch (MicroTvmException noProject) {
            return unavailable.skipForAnyEarlierFinding(log);
        }
        return unavailable.skipForEarlierFinding(dir, log)
                || unavailable.skipForProject(dir, givenOptions(), serverSettings(log), log);
    }

    /** The goal's work, with this mojo's parameters already validated. */
    protected abstract void run(BuildLog log) throws Exception;

    /** The workflow step this goal runs. */
    protected abstract Step step();

    /** The goal's name, as typed after {@code microtvm:}. */
    protected final String goal() {
        return GoalNames.name(step());
    }

    /** The execution's id; {@code default} when there is none (a goal run outside a lifecycle). */
    protected String executionId() {
        String id = mojoExecution == null ? null : mojoExecution.getExecutionId();
        return id == null ? "default" : id;
    }

    /** Holds {@code dir} for this goal until closed, so that no other build works on it meanwhile. */
    protected LockFile lockProject(Path dir, BuildLog log) throws MicroTvmException {
        return ProjectLock.acquire(dir, Duration.ofSeconds(lockTimeout), step(), log);
    }

    protected ProjectLocations projectLocations() {
        return new ProjectLocations(buildDirectory.toPath().resolve("microtvm"));
    }

    /** The project a goal that needs an existing one works on: the given dir, else found by execution. */
    protected Path existingProjectDir() throws MicroTvmException, IOException {
        if (projectDir != null) {
            return projectDir.toPath();
        }
        return projectLocations().forExistingProject(executionId(), "mvn " + GoalNames.qualified(step()));
    }

    /** Resolving artifacts by coordinates and attaching files, through this build's Maven. */
    protected MavenArtifacts mavenArtifacts() {
        return new MavenArtifacts(repositorySystem, repositorySession, remoteRepositories, project, projectHelper);
    }
}
