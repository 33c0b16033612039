package io.microtvm.projectapi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the Project API server in a directory and starts it (docs/project-api.md, "Finding the
 * server" and "Starting it").
 *
 * <p>TVM hands the server two extra pipe fds; Java cannot. So the child is started through
 * {@code /bin/sh}, which moves the stdin pipe to fd 3 and the stdout pipe to fd 4, points fd 0 at
 * {@code /dev/null} and fd 1 at stderr, and then {@code exec}s the server with
 * {@code --read-fd 3 --write-fd 4}. Whatever a launch script, pip or make prints on "stdout"
 * therefore lands on stderr and cannot corrupt the JSON channel (docs/project-api.md, case A5).
 * Where {@code setsid} exists (Linux), the shell runs as the leader of a new session
 * ({@link ProcessSessions}).
 */
public final class ServerLauncher {

    public static final String LAUNCH_SCRIPT = "launch_microtvm_api_server.sh";
    public static final String SERVER_SCRIPT = "microtvm_api_server.py";
    /** The fd the server reads requests from. */
    public static final int READ_FD = 3;
    /** The fd the server writes replies to. */
    public static final int WRITE_FD = 4;

    // The argv arrives as positional parameters and is only ever expanded as "$@": paths with
    // spaces, quotes or $ never pass through the shell's parser.
    private static final String FD_SETUP_SCRIPT =
            "exec " + READ_FD + "<&0 " + WRITE_FD + ">&1 0</dev/null 1>&2 && exec \"$@\"";
    private static final String SHELL = "/bin/sh";
    // $0 of the wrapper shell: what sh names in its own error messages
    private static final String SHELL_NAME = "microtvm-api-server-launcher";

    private ServerLauncher() {
    }

    /**
     * The argv the server is exec'd with: {@code <launch script> <dir>/microtvm_api_server.py}
     * when the directory has a launch script (it takes precedence), else
     * {@code <python> <dir>/microtvm_api_server.py}; then the fd arguments and {@code --debug}.
     */
    public static List<String> serverCommand(LaunchSpec spec) throws ServerNotFoundException {
        Path dir = spec.directory();
        Path launchScript = dir.resolve(LAUNCH_SCRIPT);
        Path serverScript = dir.resolve(SERVER_SCRIPT);
        List<String> argv = new ArrayList<>();
        if (Files.isRegularFile(launchScript)) {
            // the .py path is passed even if that file does not exist: the script may create it
            argv.add(launchScript.toString());
            argv.add(serverScript.toString());
        } else if (Files.isRegularFile(serverScript)) {
            argv.add(spec.python());
            argv.add(serverScript.toString());
        } else {
            throw new ServerNotFoundException(dir);
        }
        argv.add("--read-fd");
        argv.add(Integer.toString(READ_FD));
        argv.add("--write-fd");
        argv.add(Integer.toString(WRITE_FD));
        if (spec.debug()) {
            argv.add("--debug");
        }
        return argv;
    }

    /**
     * Starts the server. It registers with the JVM shutdown hook at once, so it dies with the JVM
     * even if the caller never closes it.
     *
     * @param stderrSink receives every line the server writes to stderr (or to "stdout"), on a
     *                   background thread; it should not block for long
     * @throws ServerNotFoundException the directory has neither server file
     * @throws ServerStartException    the interpreter or launch script cannot be run
     */
    public static ProjectApiClient launch(LaunchSpec spec, Consumer<String> stderrSink)
            throws ProjectApiException {
        List<String> argv = new ArrayList<>(serverCommand(spec));
        Path launchScript = spec.directory().resolve(LAUNCH_SCRIPT);
        if (argv.get(0).equals(launchScript.toString())) {
            checkLaunchScript(spec, launchScript);
        } else {
            argv.set(0, locatePython(spec));
        }
        List<String> command = new ArrayList<>();
        // a session of its own, so that whatever it starts can be found and ended by session id
        ProcessSessions.setsid().ifPresent(command::add);
        boolean ownSession = !command.isEmpty();
        command.addAll(List.of(SHELL, "-c", FD_SETUP_SCRIPT, SHELL_NAME));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.directory().toFile());
        builder.environment().putAll(spec.extraEnvironment());
        long launchNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ServerStartException(argv.get(0), "Cannot start the Project API server in "
                    + spec.directory() + " (" + String.join(" ", argv) + "): " + e.getMessage(), e);
        }
        ServerProcess server = new ServerProcess(process, spec.directory(), stderrSink, ownSession);
        if (!LiveServerRegistry.register(server)) {
            server.kill();
            throw new ServerStartException(argv.get(0), "Not starting the Project API server in "
                    + spec.directory() + ": the JVM is shutting down");
        }
        return new ProjectApiClient(new JsonRpcChannel(server, spec, argv, launchNanos));
    }

    /**
     * Resolves the interpreter as exec would, so a missing one is reported as such instead of as
     * a server that died at once. A name with a path separator is taken relative to the current
     * directory, not to the server's directory.
     */
    private static String locatePython(LaunchSpec spec) throws ServerStartException {
        String python = spec.python();
        String runs = " (needed to run " + spec.directory().resolve(SERVER_SCRIPT) + ")";
        if (python.contains("/")) {
            Path path;
            try {
                path = Path.of(python).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw new ServerStartException(python, "Python interpreter '" + python + "' is not a valid path"
                        + runs + "; set the Python interpreter to an installed Python 3", e);
            }
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new ServerStartException(python, "Python interpreter '" + python + "' ("
                        + path + ") does not exist or is not executable" + runs
                        + "; set the Python interpreter to an installed Python 3");
            }
            return path.toString();
        }
        if (findOnPath(python, spec).isEmpty()) {
            throw new ServerStartException(python, "Python interpreter '" + python + "' was not found on PATH"
                    + runs + "; set the Python interpreter to an installed Python 3");
        }
        // keep the bare name: exec's own PATH search then runs exactly what was found
        return python;
    }

    private static Optional<Path> findOnPath(String name, LaunchSpec spec) {
        String path = spec.extraEnvironment().getOrDefault("PATH", System.getenv("PATH"));
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator, -1)) {
            // an empty PATH entry means the working directory, which is the server's directory
            Path dir = entry.isEmpty() ? spec.directory() : spec.directory().resolve(entry);
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void checkLaunchScript(LaunchSpec spec, Path script) throws ServerStartException {
        // it is run directly, as TVM does, so it needs its execute bit
        if (!Files.isExecutable(script)) {
            throw new ServerStartException(script.toString(), "Launch script " + script
                    + " of the Project API server in " + spec.directory()
                    + " is not executable; give it the execute bit (chmod +x)");
        }
    }
}
