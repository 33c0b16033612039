package io.microtvm.project;

import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectApiServer;
import io.microtvm.projectapi.ServerInfo;
import io.microtvm.projectapi.ServerLauncher;
import io.microtvm.projectapi.ServerStartException;
import java.nio.file.Path;

/** Starts and queries Project API servers with one goal's {@link ServerSettings}. */
public final class ProjectServers {
    private ProjectServers() {
    }

    public static ProjectApiServer start(Path dir, ServerSettings settings) throws ProjectApiException {
        try {
            return ServerLauncher.launch(LaunchSpec.of(dir).withPython(settings.python()), settings.serverOutput());
        } catch (ServerStartException e) {
            // name the setting that picks the interpreter, in the words of the build's configuration
            throw new ServerStartException(e.command(), e.getMessage() + " (parameter python, property microtvm.python)", e);
        }
    }

    /** The server's reply, with option types corrected where the template's declaration is known to be wrong. */
    public static ServerInfo query(ProjectApiServer server, ServerSettings settings) throws ProjectApiException {
        ServerInfo info = server.serverInfoQuery(ServerSettings.TVM_VERSION, settings.queryTimeout());
        return settings.optionTypes().correct(info, ServerSettings.TVM_VERSION);
    }
}
