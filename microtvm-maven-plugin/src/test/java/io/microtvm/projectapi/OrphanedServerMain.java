package io.microtvm.projectapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link ServerShutdownTest}: starts a server that ignores EOF and SIGTERM,
 * writes its pid to a file and waits to be killed without ever closing the server, as an
 * interrupted Maven build would.
 */
public final class OrphanedServerMain {

    private OrphanedServerMain() {
    }

    public static void main(String[] args) throws Exception {
        // the chaos server in mode ignores_eof: it would outlive this JVM without the hook
        LaunchSpec spec = LaunchSpec.of(Path.of(args[0])).withEnvironment(TestServers.CHAOS_MODE, "ignores_eof");
        ProjectApiClient server = ServerLauncher.launch(spec, line -> { });
        server.build(ProjectApiClient.JSON.createObjectNode(), Duration.ofSeconds(20));
        Path pidFile = Path.of(args[1]);
        Path partial = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(partial, Long.toString(server.pid()));
        Files.move(partial, pidFile);
        Thread.sleep(Long.MAX_VALUE);
    }
}
