package io.microtvm.project;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.options.OptionResolver;
import io.microtvm.options.ResolvedOptions;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ServerInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One goal's use of a Project API server, in the order every goal needs it: start the server in a
 * template or project dir, ask {@code server_info_query}, check the dir is the kind the goal works
 * on ({@code is_template}), resolve and type-check the goal's options against what the server
 * declares, then call. create-project, build, flash, run and list-options all go through here.
 *
 * <p>The options are given once, as strings; whether the server's output is shown ({@code verbose})
 * is read from them here and nowhere else. Closing the session stops the server, unless the
 * client was {@linkplain #handOver() handed over} to whoever keeps it running (the run's transport).
 */
public final class ProjectApiSession implements AutoCloseable {

    private final ProjectApiClient client;
    private final ServerInfo info;
    private final ServerSettings settings;
    private final Map<String, String> options;
    private final String subject;
    private final Map<ProjectMethod, ResolvedOptions> resolved = new EnumMap<>(ProjectMethod.class);
    private boolean handedOver;

    private ProjectApiSession(ProjectApiClient client, ServerInfo info, ServerSettings settings,
                              Map<String, String> options, String subject) {
        this.client = client;
        this.info = info;
        this.settings = settings;
        this.options = options;
        this.subject = subject;
    }

    /**
     * Starts the server in {@code dir} and queries it.
     *
     * @param options the goal's template options as strings (null: none); they decide whether the
     *                server's output is shown
     * @param subject how option errors name where the options go, e.g. "project /x" or a template
     */
    public static ProjectApiSession start(Path dir, ServerSettings settings, Map<String, String> options,
                                          String subject) throws ProjectApiException {
        Map<String, String> given = options == null ? Map.of() : options;
        ProjectApiClient client = ProjectServers.start(dir, settings, settings.outputFor(given));
        try {
            return new ProjectApiSession(client, ProjectServers.query(client, settings), settings, given,
                    Objects.requireNonNull(subject, "subject"));
        } catch (ProjectApiException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** What the server said it is (option types corrected as the settings say). */
    public ServerInfo info() {
        return info;
    }

    /**
     * This session if the server runs in a template ({@code is_template=true}); else the server is
     * stopped and this fails with {@code otherwise}.
     */
    public ProjectApiSession requireTemplate(String otherwise) throws MicroTvmException {
        return require(true, new MicroTvmException(Fault.CONFIGURATION, otherwise));
    }

    /** {@link #requireTemplate(String)} failing with {@code otherwise}, which says what fixes it. */
    public ProjectApiSession requireTemplate(MicroTvmException otherwise) throws MicroTvmException {
        return require(true, otherwise);
    }

    /**
     * This session if the server runs in a generated project ({@code is_template=false}); else the
     * server is stopped and this fails with {@code otherwise}.
     */
    public ProjectApiSession requireProject(String otherwise) throws MicroTvmException {
        return require(false, new MicroTvmException(Fault.CONFIGURATION, otherwise));
    }

    /** {@link #requireProject(String)} failing with {@code otherwise}, which says what fixes it. */
    public ProjectApiSession requireProject(MicroTvmException otherwise) throws MicroTvmException {
        return require(false, otherwise);
    }

    private ProjectApiSession require(boolean template, MicroTvmException otherwise) throws MicroTvmException {
        if (info.isTemplate() != template) {
            client.close(); // a server of the wrong kind is of no use to anyone
            throw otherwise;
        }
        return this;
    }

    /** The session's options resolved and type-checked for {@code method}, against the server's declarations. */
    public ResolvedOptions resolve(ProjectMethod method) throws InvalidOptionsException {
        ResolvedOptions done = resolved.get(method);
        if (done == null) {
            done = new OptionResolver().resolve(info.projectOptions(), method, options, subject);
            resolved.put(method, done);
        }
        return done;
    }

    /** {@code generate_project} into {@code projectDir}, with a heartbeat in the log while it runs. */
    public void generateProject(Path modelLibraryFormat, Path standaloneCrtDir, Path projectDir, BuildLog log)
            throws MicroTvmException {
        ResolvedOptions generation = resolve(ProjectMethod.GENERATE_PROJECT);
        try (ProgressHeartbeat ignored = heartbeat(ProjectMethod.GENERATE_PROJECT, log)) {
            client.generateProject(modelLibraryFormat, standaloneCrtDir, projectDir, generation.options(),
                    settings.callTimeout());
        }
    }

    /** {@code build} or {@code flash}, with a heartbeat in the log while it runs. */
    public void buildOrFlash(ProjectMethod method, BuildLog log) throws MicroTvmException {
        if (method != ProjectMethod.BUILD && method != ProjectMethod.FLASH) {
            throw new IllegalArgumentException("not build or flash: " + method);
        }
        ResolvedOptions methodOptions = resolve(method);
        try (ProgressHeartbeat ignored = heartbeat(method, log)) {
            if (method == ProjectMethod.BUILD) {
                client.build(methodOptions.options(), settings.callTimeout());
            } else {
                client.flash(methodOptions.options(), settings.callTimeout());
            }
        }
    }

    /**
     * The client, for a caller that keeps the server running past this session (the run's transport
     * owns it from then on and closes it); closing the session no longer stops it.
     */
    public ProjectApiClient handOver() {
        handedOver = true;
        return client;
    }

    /** Stops the server, unless it was handed over. Idempotent. */
    @Override
    public void close() {
        if (!handedOver) {
            client.close();
        }
    }

    private ProgressHeartbeat heartbeat(ProjectMethod method, BuildLog log) {
        Duration limit = settings.callTimeout();
        return new ProgressHeartbeat(log, method.wireName(), limit, ProgressHeartbeat.DEFAULT_PERIOD);
    }
}
