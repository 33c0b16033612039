package io.microtvm.project;

import io.microtvm.projectapi.ServerLauncher;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises a directory that holds a Project API server, by the file names the launcher looks for. */
final class ServerFiles {
    private ServerFiles() {
    }

    static boolean hasServer(Path dir) {
        return Files.isRegularFile(dir.resolve(ServerLauncher.SERVER_SCRIPT))
                || Files.isRegularFile(dir.resolve(ServerLauncher.LAUNCH_SCRIPT));
    }
}
