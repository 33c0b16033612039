package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.RetryPolicy;
import io.microtvm.options.OptionAssignments;
import io.microtvm.options.OptionTypeCorrections;
import io.microtvm.project.ServerSettings;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The parameters every microTVM goal shares, as the user configures them, what Maven injects (the
 * project, the session, the repository system), and the core's settings they make.
 * {@link AbstractMicroTvmMojo} runs the goals with them.
 */
abstract class CommonParameters extends AbstractMojo {

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

    /** Retries of the steps that are safe to repeat, as configured; the user's failure when out of range. */
    protected RetryPolicy retryPolicy() throws MicroTvmException {
        return RetryPolicy.of(retries, Duration.ofSeconds(retryDelay));
    }
}
