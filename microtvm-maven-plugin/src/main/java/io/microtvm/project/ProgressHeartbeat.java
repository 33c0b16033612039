package io.microtvm.project;

import io.microtvm.BuildLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Logs a line every so often while a long step runs, so a build that takes minutes shows it is
 * alive and how long it may still take before its deadline.
 */
final class ProgressHeartbeat implements AutoCloseable {
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private final ScheduledExecutorService timer;

    ProgressHeartbeat(BuildLog log, String step, Duration deadline, Duration period) {
        long start = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "microtvm-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            log.info(step + ": still running after " + elapsed + " s (deadline " + deadline.toSeconds() + " s)");
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
