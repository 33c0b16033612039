package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.RetryPolicy;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.options.OptionAssignments;
import io.microtvm.options.OptionFormatException;
import io.microtvm.options.OptionTypeCorrections;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectException;
import io.microtvm.project.ProjectLocations;
import io.microtvm.project.ProjectLock;
import io.microtvm.project.ProjectRecord;
import io.microtvm.project.ToolAvailability;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.ServerErrorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every microTVM goal shares: skipping, the Python interpreter and deadlines for Project API
 * servers, the options, and turning the plain-Java layer's exceptions into Maven's two kinds.
 */
abstract class AbstractMicroTvmMojo extends AbstractMojo {

    /** Skips this goal. */
    @Parameter(property = "microtvm.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Skip every goal of this execution, with one warning naming what is missing, on an agent that lacks
     * a program the platform's template needs (make, a C compiler, the Arm toolchain, QEMU, as the
     * template declares them; the bundled templates do), instead of failing. false: fail as usual.
     */
    @Parameter(property = "microtvm.skipIfUnavailable", defaultValue = "false")
    protected boolean skipIfUnavailable;

    /**
     * Python 3 interpreter that runs a template's {@code microtvm_api_server.py}, and for compile the
     * one that imports {@code tvm}.
     */
    @Parameter(property = "microtvm.python", defaultValue = "python3")
    protected String python;

    /**
     * Deadline in seconds for short Project API calls ({@code server_info_query}), the server's
     * start-up included.
     */
    @Parameter(property = "microtvm.queryTimeout", defaultValue = "30")
    protected int queryTimeout;

    /** Deadline in seconds for {@code generate_project}, {@code build}, {@code flash} and {@code tvmc compile}. */
    @Parameter(property = "microtvm.timeout", defaultValue = "600")
    protected int timeout;

    /**
     * Seconds a goal waits for another build working on the same project dir (or, for run, on the
     * same serial port) to finish with it; 0 fails at once. Goals on one project never overlap.
     */
    @Parameter(property = "microtvm.lockTimeout", defaultValue = "600")
    protected int lockTimeout;

    /**
     * How often a step that is safe to repeat is tried again after it failed: a {@code flash} that
     * timed out, opening a transport. Steps that change the project ({@code generate_project},
     * {@code build}) are never retried. 0 turns retries off.
     */
    @Parameter(property = "microtvm.retries", defaultValue = "1")
    protected int retries;

    /** Seconds between two attempts of a retried step. */
    @Parameter(property = "microtvm.retryDelay", defaultValue = "2")
    protected int retryDelay;

    /**
     * Template options, as declared by the template ({@code mvn microtvm:list-options} shows them).
     * Values are converted to the declared type (bool, int, str) and checked before any call.
     * Options given to {@code create-project} are recorded in the project; give them again to a later
     * goal to override them for that goal.
     */
    @Parameter
    protected Map<String, String> options;

    /**
     * Option types that override what the template declares, as option name to {@code bool},
     * {@code int}, {@code float}, {@code str} or {@code list}, for a template that declares a type its
     * code does not use; empty (the default) keeps the declarations, corrected only for TVM's own
     * templates where the plugin knows them to be wrong (Arduino {@code port}, Zephyr
     * {@code gdbserver_port}, {@code compile_definitions}).
     */
    @Parameter
    protected Map<String, String> optionTypes;

    /**
     * Options on the command line as {@code NAME=VALUE[,NAME=VALUE...]}, merged over {@code <options>}.
     * A value may contain {@code =}; a comma belongs to the value unless a {@code NAME=} follows it
     * ({@code \,} is always a literal comma).
     */
    @Parameter(property = "microtvm.options")
    protected String commandLineOptions;

    /**
     * The generated project dir. Default: target/microtvm/project for the default execution,
     * target/microtvm/EXECUTION-ID for an execution with an id. A goal that needs an existing project
     * (build, flash) takes its execution's project if there is one, else the only project under
     * target/microtvm, so a goal typed on the command line finds the project the lifecycle made.
     */
    @Parameter(property = "microtvm.projectDir")
    protected File projectDir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Component
    protected MavenProjectHelper projectHelper;

    @Component
    protected RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    protected RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    protected List<RemoteRepository> remoteRepositories;

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
            Exception mapped = toMojoException(e);
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
    protected final void checkCommonParameters() throws MojoFailureException {
        if (queryTimeout <= 0 || timeout <= 0) {
            throw new MojoFailureException("microtvm.queryTimeout and microtvm.timeout must be positive numbers of"
                    + " seconds; got " + queryTimeout + " and " + timeout + ".");
        }
        if (retries < 0 || retryDelay < 0) {
            throw new MojoFailureException("retries (property microtvm.retries) and retryDelay (property"
                    + " microtvm.retryDelay) must be 0 or more; got " + retries + " and " + retryDelay + ".");
        }
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
        Path dir;
        try {
            dir = existingProjectDir();
        } catch (ProjectException noProject) {
            return skipForEarlierFinding(unavailableAnywhere(), log);
        }
        if (skipForEarlierFinding(unavailableReasons().get(dir.toAbsolutePath().normalize().toString()), log)) {
            return true;
        }
        if (!ProjectRecord.existsIn(dir)) {
            return false;
        }
        GeneratedProject existing = GeneratedProject.open(dir);
        var missing = ToolAvailability.check(existing.dir(), existing.effectiveOptions(givenOptions(), BuildLog.NONE),
                serverSettings(log), existing.record().describeSource());
        return skipForFinding(dir, missing.orElse(null), log);
    }

    /** Skips with the one warning of this execution when {@code reason} says what is missing. */
    protected boolean skipForFinding(Path dir, String reason, BuildLog log) {
        if (reason == null) {
            return false;
        }
        String earlier = unavailableReasons().put(dir.toAbsolutePath().normalize().toString(), reason);
        if (earlier != null) {
            return skipForEarlierFinding(reason, log); // warned once already
        }
        log.warn("Skipping microtvm:" + goal() + " and the later goals on " + dir + " (skipIfUnavailable): " + reason);
        return true;
    }

    private boolean skipForEarlierFinding(String reason, BuildLog log) {
        if (reason == null) {
            return false;
        }
        log.info("Skipping microtvm:" + goal() + " (skipIfUnavailable): " + reason);
        return true;
    }

    /** What create-project or an earlier goal found missing, by project dir, for the later goals of this build. */
    @SuppressWarnings("unchecked")
    private Map<String, String> unavailableReasons() {
        if (project == null) {
            return new java.util.HashMap<>();
        }
        Object known = project.getContextValue(UNAVAILABLE_KEY);
        if (known == null) {
            known = new java.util.concurrent.ConcurrentHashMap<String, String>();
            project.setContextValue(UNAVAILABLE_KEY, known);
        }
        return (Map<String, String>) known;
    }

    private String unavailableAnywhere() {
        return unavailableReasons().values().stream().findFirst().orElse(null);
    }

    private static final String UNAVAILABLE_KEY = "microtvm.unavailableTools";

    /** The goal's work, with this mojo's parameters already validated. */
    protected abstract void run(BuildLog log) throws Exception;

    /** The goal's name, as typed after {@code microtvm:}. */
    protected abstract String goal();

    /** The execution's id; {@code default} when there is none (a goal run outside a lifecycle). */
    protected String executionId() {
        String id = mojoExecution == null ? null : mojoExecution.getExecutionId();
        return id == null ? "default" : id;
    }

    /**
     * How this goal runs Project API servers. Template output (compiler lines) is noise when all is
     * well; it shows when the goal's template options say verbose=true, with -X, and in the error
     * when a call fails.
     */
    protected ServerSettings serverSettings(BuildLog log) {
        return new ServerSettings(python, Duration.ofSeconds(queryTimeout), Duration.ofSeconds(timeout),
                log::debug, OptionTypeCorrections.of(optionTypes, log::info), log::info);
    }

    /** POM {@code <options>} with {@code -Dmicrotvm.options} on top. */
    protected Map<String, String> givenOptions() {
        return OptionAssignments.merge(options, OptionAssignments.parse(commandLineOptions));
    }

    /** Retries of the steps that are safe to repeat, as configured. */
    protected RetryPolicy retryPolicy() {
        return new RetryPolicy(retries, Duration.ofSeconds(retryDelay));
    }

    /** Holds {@code dir} for this goal until closed, so that no other build works on it meanwhile. */
    protected LockFile lockProject(Path dir, BuildLog log) throws IOException {
        return ProjectLock.acquire(dir, Duration.ofSeconds(lockTimeout), goal(), log);
    }

    protected ProjectLocations projectLocations() {
        return new ProjectLocations(buildDirectory.toPath().resolve("microtvm"));
    }

    /** The project a goal that needs an existing one works on: the given dir, else found by execution. */
    protected Path existingProjectDir() throws ProjectException, IOException {
        if (projectDir != null) {
            return projectDir.toPath();
        }
        return projectLocations().forExistingProject(executionId(), goal());
    }

    /**
     * Where bundled templates are extracted: under target/, or, for a goal run outside any Maven
     * project (list-options), in the temp dir rather than a target/ in whatever dir the user is in.
     */
    protected Path templateCacheDir() {
        if (project == null || project.getFile() == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), "microtvm-templates-" + System.getProperty("user.name"));
        }
        return buildDirectory.toPath().resolve("microtvm").resolve(".templates");
    }

    /** A user property given with -D on the command line, or null. */
    protected String commandLine(String property) {
        String value = session == null ? null : session.getUserProperties().getProperty(property);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Resolving artifacts by coordinates and attaching files, through this build's Maven. */
    protected MavenArtifacts mavenArtifacts() {
        return new MavenArtifacts(repositorySystem, repositorySession, remoteRepositories, project, projectHelper);
    }

    /**
     * Maven's two kinds for an exception of the plain-Java layer: the user's to fix (options, paths, what
     * the template rejected) is a failure; the environment's (a server that crashed, a device gone, I/O)
     * an error.
     */
    static Exception toMojoException(Exception e) {
        if (e instanceof MojoFailureException || e instanceof MojoExecutionException) {
            return e;
        }
        if (e instanceof InvalidOptionsException || e instanceof OptionFormatException || e instanceof ProjectException
                || e instanceof ServerErrorException) {
            return new MojoFailureException(message(e), e);
        }
        return new MojoExecutionException(message(e), e);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
