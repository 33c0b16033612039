package io.microtvm.projectapi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A command-line tool run to completion (such as {@code tvmc compile}), with the same guarantees
 * as a Project API server: it leads a session of its own where {@code setsid} exists, it is killed
 * with its whole process tree when its deadline passes or the JVM shuts down, and it never
 * outlives its caller. Its stdout and stderr go, interleaved in the order written, to one sink,
 * and the last lines are kept for error messages.
 */
public final class ToolProcess implements AutoCloseable {

    // stdout joins stderr, so both arrive in order through the server's stderr drain
    private static final String STDOUT_TO_STDERR = "exec \"$@\" 1>&2";
    private static final String SHELL = "/bin/sh";
    private static final String SHELL_NAME = "microtvm-tool-launcher";

    private final ServerProcess process;
    private final List<String> command;

    private ToolProcess(ServerProcess process, List<String> command) {
        this.process = process;
        this.command = command;
    }

    /**
     * Starts {@code command} in {@code directory} with the inherited environment plus
     * {@code extraEnvironment}; stdin is {@code /dev/null}.
     *
     * @param outputSink receives every line the tool writes, on a background thread
     * @throws IOException the program cannot be started (not found, not executable)
     */
    public static ToolProcess start(List<String> command, Path directory, Map<String, String> extraEnvironment,
                                    Consumer<String> outputSink) throws IOException {
        List<String> argv = new ArrayList<>();
        ProcessSessions.setsid().ifPresent(argv::add);
        boolean ownSession = !argv.isEmpty();
        argv.addAll(List.of(SHELL, "-c", STDOUT_TO_STDERR, SHELL_NAME));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(extraEnvironment);
        Process started = builder.start();
        ServerProcess tool = new ServerProcess(started, directory, outputSink, ownSession);
        if (!LiveServerRegistry.register(tool)) {
            tool.kill();
            throw new IOException("Not starting " + String.join(" ", command) + ": the JVM is shutting down");
        }
        return new ToolProcess(tool, List.copyOf(command));
    }

    /** The command as given (without the session and shell wrapper). */
    public List<String> command() {
        return command;
    }

    /**
     * Waits for the tool to exit, at most {@code deadline}; its exit status, or empty when the
     * deadline passed (the tool is then still running: {@link #close()} kills it). Either way,
     * once it has exited its output is drained completely before this returns.
     */
    public OptionalInt awaitExit(Duration deadline) {
        if (!process.awaitExit(deadline)) {
            return OptionalInt.empty();
        }
        OptionalInt status = process.exitStatus();
        // ends whatever it left running in its session and waits for the output drain
        process.kill();
        return status;
    }

    /** The last lines the tool wrote, oldest first. */
    public List<String> outputTail() {
        return process.stderrTail();
    }

    /** Kills the tool and everything it started, if still running. Idempotent. */
    @Override
    public void close() {
        process.kill();
    }
}
