package io.microtvm.projectapi;

import io.microtvm.Fault;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory holds neither a launch script nor a Python server (docs/project-api.md, "Finding
 * the server", case A3). Counted as the environment's fault, as it always was: the directory is
 * usually one a tool made or extracted.
 */
public final class ServerNotFoundException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    // a String, because Path is not serializable and exceptions are
    private final String directory;

    public ServerNotFoundException(Path directory) {
        super(Fault.ENVIRONMENT, "No Project API server found in project directory: " + directory
                + (Files.isDirectory(directory) ? "" : " (the directory does not exist)")
                + "\nTried: " + ServerLauncher.LAUNCH_SCRIPT + ", " + ServerLauncher.SERVER_SCRIPT);
        this.directory = directory.toString();
    }

    public Path directory() {
        return Path.of(directory);
    }
}
