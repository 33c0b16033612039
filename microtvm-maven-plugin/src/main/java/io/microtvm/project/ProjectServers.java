package io.microtvm.project;

import io.microtvm.Setting;
import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ServerInfo;
import io.microtvm.projectapi.ServerLauncher;
import io.microtvm.projectapi.ServerStartException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Starts and queries Project API servers with one goal's {@link ServerSettings}. Goals go through
 * {@link ProjectApiSession}, which also checks the dir and resolves the options.
 */
public final class ProjectServers {
    private ProjectServers() {
    }

    /** A server whose output goes to the settings' {@code serverOutput}. */
    public static ProjectApiClient start(Path dir, ServerSettings settings) throws ProjectApiException {
        return start(dir, settings, settings.serverOutput());
    }

    static ProjectApiClient start(Path dir, ServerSettings settings, Consumer<String> output)
            throws ProjectApiException {
        try {
            return ServerLauncher.launch(LaunchSpec.of(dir).withPython(settings.python()), output);
        } catch (ServerStartException e) {
            // the setting that picks the interpreter fixes it; the caller names it in its own words
            throw new ServerStartException(e.command(), e.getMessage(), e, Setting.PYTHON);
        }
    }

    /** The server's reply, with option types corrected where the template's declaration is known to be wrong. */
    public static ServerInfo query(ProjectApiClient server, ServerSettings settings) throws ProjectApiException {
        ServerInfo info = server.serverInfoQuery(ServerSettings.TVM_VERSION, settings.queryTimeout());
        return settings.optionTypes().correct(info, ServerSettings.TVM_VERSION);
    }
}
