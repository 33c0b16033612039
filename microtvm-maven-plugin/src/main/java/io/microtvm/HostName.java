package io.microtvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name without a resolver lookup, which can stall for its timeouts on a badly set-up agent. */
public final class HostName {
    private static final String NAME = find();

    private HostName() {
    }

    /** {@code $HOSTNAME}, else the kernel's host name, else {@code this host}. */
    public static String get() {
        return NAME;
    }

    private static String find() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "this host";
    }
}
