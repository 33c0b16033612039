package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.BuildLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A line every 10 s of a long series of repeats, on a clock the test moves. */
class RunProgressTest {

    private static BuildLog collecting(List<String> lines) {
        return new BuildLog() {
            @Override public void debug(String message) { }
            @Override public void info(String message) { lines.add(message); }
            @Override public void warn(String message) { }
            @Override public void error(String message) { }
        };
    }

    @Test
    void saysHowFarItGotEveryTenSecondsAndNothingAtTheEnd() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        RunProgress progress = new RunProgress(5, "clock", collecting(lines), now::get);
        List<RunResult.Timing> runs = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            now.addAndGet(4_000_000_000L); // 4 s a repeat
            runs.add(new RunResult.Timing(0.002, 4.0));
            progress.completed(runs);
        }

        // lines after 12 s (run 3); 20 s (run 5) is the last run, which the run's own summary reports
        assertThat(lines).containsExactly("Run 3 of 5 done; so far device time median 2.00 ms (min 2.00 ms,"
                + " max 2.00 ms), host round trip median 4.00 s (min 4.00 s, max 4.00 s)");
    }

    @Test
    void quickRunsLogNothing() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        RunProgress progress = new RunProgress(1000, "clock", collecting(lines), now::get);
        List<RunResult.Timing> runs = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            now.addAndGet(1_000_000L);
            runs.add(new RunResult.Timing(0.001, 0.001));
            progress.completed(runs);
        }
        assertThat(lines).isEmpty();
    }
}
