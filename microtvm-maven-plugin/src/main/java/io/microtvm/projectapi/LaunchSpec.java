package io.microtvm.projectapi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the Project API server of one template or project directory.
 *
 * @param directory        the template or project directory; made absolute, because the server
 *                         runs with it as working directory and a relative path would resolve twice
 *                         (docs/project-api.md, "Starting it")
 * @param python           the interpreter for {@code microtvm_api_server.py}; a bare name is looked
 *                         up on PATH, a path is resolved against the current directory. Unused when
 *                         the directory has a launch script, which picks its own interpreter
 * @param debug            pass {@code --debug} (the real launch scripts drop it; that is fine)
 * @param extraEnvironment added to the inherited environment of the server
 * @param shutdownGrace    how long {@link ProjectApiClient#close()} lets the server exit on its own
 *                         after closing its request pipe before killing it
 * @param maxReplyBytes    longest reply line accepted; a longer one means a broken server
 */
public record LaunchSpec(
        Path directory,
        String python,
        boolean debug,
        Map<String, String> extraEnvironment,
        Duration shutdownGrace,
        int maxReplyBytes) {

    public static final String DEFAULT_PYTHON = "python3";
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** Large enough for any real reply (the biggest are tracebacks and transport chunks). */
    public static final int DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;

    public LaunchSpec {
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        python = python == null || python.isBlank() ? DEFAULT_PYTHON : python;
        extraEnvironment = Map.copyOf(extraEnvironment == null ? Map.of() : extraEnvironment);
        shutdownGrace = shutdownGrace == null ? DEFAULT_SHUTDOWN_GRACE : shutdownGrace;
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
        }
        if (maxReplyBytes < 1024) {
            throw new IllegalArgumentException("maxReplyBytes must be at least 1024: " + maxReplyBytes);
        }
    }

    /** Defaults for everything but the directory. */
    public static LaunchSpec of(Path directory) {
        return new LaunchSpec(directory, DEFAULT_PYTHON, false, Map.of(), DEFAULT_SHUTDOWN_GRACE,
                DEFAULT_MAX_REPLY_BYTES);
    }

    public LaunchSpec withPython(String newPython) {
        return new LaunchSpec(directory, newPython, debug, extraEnvironment, shutdownGrace, maxReplyBytes);
    }

    public LaunchSpec withDebug(boolean newDebug) {
        return new LaunchSpec(directory, python, newDebug, extraEnvironment, shutdownGrace, maxReplyBytes);
    }

    /** Adds (or replaces) one environment entry. */
    public LaunchSpec withEnvironment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnvironment);
        env.put(name, value);
        return new LaunchSpec(directory, python, debug, env, shutdownGrace, maxReplyBytes);
    }

    public LaunchSpec withShutdownGrace(Duration newGrace) {
        return new LaunchSpec(directory, python, debug, extraEnvironment, newGrace, maxReplyBytes);
    }

    public LaunchSpec withMaxReplyBytes(int newMax) {
        return new LaunchSpec(directory, python, debug, extraEnvironment, shutdownGrace, newMax);
    }
}
