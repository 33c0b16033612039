package io.microtvm.project;

import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectApiServer;
import io.microtvm.projectapi.ServerInfo;
import io.microtvm.projectapi.ServerLauncher;
import java.nio.file.Path;

/** Starts and queries Project API servers with one goal's {@link ServerSettings}. */
public final class ProjectServers {
    private ProjectServers() {
    }

    public static ProjectApiServer start(Path dir, ServerSettings settings) throws ProjectApiException {
        return ServerLauncher.launch(LaunchSpec.of(dir).withPython(settings.python()), settings.serverOutput());
    }

    public static ServerInfo query(ProjectApiServer server, ServerSettings settings) throws ProjectApiException {
        return server.serverInfoQuery(ServerSettings.TVM_VERSION, settings.queryTimeout());
    }
}
