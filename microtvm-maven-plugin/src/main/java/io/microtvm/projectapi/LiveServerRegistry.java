package io.microtvm.projectapi;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server process still running, so that one JVM shutdown hook can kill them all when
 * Maven is interrupted (Ctrl-C, SIGTERM) before the servers were closed. No server may outlive
 * the build.
 */
final class LiveServerRegistry {

    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled; // guarded by the class
    private static volatile boolean shuttingDown;

    private LiveServerRegistry() {
    }

    /** False when the JVM is already shutting down; the caller must then kill the process itself. */
    static boolean register(ServerProcess server) {
        synchronized (LiveServerRegistry.class) {
            if (!hookInstalled) {
                try {
                    Runtime.getRuntime().addShutdownHook(
                            new Thread(LiveServerRegistry::killAll, "microtvm-project-api-server-reaper"));
                } catch (IllegalStateException shuttingDown) {
                    return false;
                }
                hookInstalled = true;
            }
        }
        LIVE.add(server);
        // a server registered after the hook took its snapshot would be missed by it
        if (shuttingDown) {
            LIVE.remove(server);
            return false;
        }
        return true;
    }

    static void unregister(ServerProcess server) {
        LIVE.remove(server);
    }

    static boolean isRegistered(ServerProcess server) {
        return LIVE.contains(server);
    }

    private static void killAll() {
        shuttingDown = true;
        for (ServerProcess server : List.copyOf(LIVE)) {
            server.kill();
        }
    }
}
