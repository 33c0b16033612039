package io.microtvm.projectapi;

import io.microtvm.Fault;
import io.microtvm.Setting;

/**
 * The server process could not be started: the Python interpreter is missing, the launch script
 * is not executable, or the operating system refused to create the process. The machine's fault.
 */
public final class ServerStartException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    private final String command;

    public ServerStartException(String command, String message) {
        super(Fault.ENVIRONMENT, message);
        this.command = command;
    }

    public ServerStartException(String command, String message, Throwable cause) {
        super(Fault.ENVIRONMENT, message, cause);
        this.command = command;
    }

    /** The same failure, which {@code setting} (the one that picks the program) would fix. */
    public ServerStartException(String command, String message, Throwable cause, Setting setting) {
        super(Fault.ENVIRONMENT, message, cause, setting);
        this.command = command;
    }

    /** The program that could not be run (the Python interpreter or the launch script). */
    public String command() {
        return command;
    }
}
