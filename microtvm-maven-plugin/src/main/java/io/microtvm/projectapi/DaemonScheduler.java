package io.microtvm.projectapi;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread scheduler on a daemon thread that goes away when idle: for the client's timers,
 * which must never keep Maven's JVM alive.
 */
final class DaemonScheduler {
    private DaemonScheduler() {
    }

    static ScheduledThreadPoolExecutor create(String threadName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
