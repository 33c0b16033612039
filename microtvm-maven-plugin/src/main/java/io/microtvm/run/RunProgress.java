package io.microtvm.run;

import io.microtvm.BuildLog;
import io.microtvm.report.DeviceTimeUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long series of repeats: one line every {@link #INTERVAL_NANOS} (10 s), saying how far
 * it got and the median so far, so a build log never goes quiet for minutes. Short runs log nothing.
 */
final class RunProgress {
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final int total;
    private final String timerName;
    private final BuildLog log;
    private final LongSupplier clock;
    private long lastLine;

    /** @param timerName the device timer, which says whether its times are emulated instructions */
    RunProgress(int total, String timerName, BuildLog log) {
        this(total, timerName, log, System::nanoTime);
    }

    RunProgress(int total, String timerName, BuildLog log, LongSupplier clock) {
        this.total = total;
        this.timerName = timerName;
        this.log = log;
        this.clock = clock;
        this.lastLine = clock.getAsLong();
    }

    /** Called after each repeat with the timings so far. */
    void completed(List<RunResult.Timing> runs) {
        long now = clock.getAsLong();
        if (runs.size() >= total || now - lastLine < INTERVAL_NANOS) {
            return;
        }
        lastLine = now;
        RunResult partial = new RunResult("", "", "", List.of(), java.util.Map.of(), runs, List.of(), List.of());
        log.info(String.format(Locale.ROOT, "Run %d of %d done; so far device time %s, host round trip %s",
                runs.size(), total, RunReports.spread(partial.deviceStatistics(), DeviceTimeUnit.ofTimer(timerName)),
                RunReports.spread(partial.hostStatistics(), DeviceTimeUnit.SECONDS)));
    }
}
