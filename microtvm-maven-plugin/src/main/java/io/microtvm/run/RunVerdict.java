package io.microtvm.run;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code microtvm:verify}'s judgement over a module's run reports: which runs did not pass, and
 * whether the build fails. Failed runs (checks, gates) may be ignored ({@code testFailureIgnore});
 * runs that could not complete (errors) never are.
 *
 * @param runs       the reports judged
 * @param olderRuns  reports left out because they were written before this build started (an execution
 *                   this build did not run); empty when {@code runs} are all there were
 */
public record RunVerdict(List<ReportedRun> runs, List<ReportedRun> olderRuns) {

    /**
     * Judges the reports written since {@code buildStart}; when there are none (verify run on its own, after
     * the runs' build), all of them.
     */
    public static RunVerdict of(List<ReportedRun> all, Instant buildStart) {
        if (buildStart == null) {
            return new RunVerdict(all, List.of());
        }
        List<ReportedRun> recent = all.stream()
                .filter(r -> r.timestamp() == null || !r.timestamp().isBefore(buildStart)).toList();
        if (recent.isEmpty()) {
            return new RunVerdict(all, List.of());
        }
        return new RunVerdict(recent, all.stream().filter(r -> !recent.contains(r)).toList());
    }

    public long count(RunStatus status) {
        return runs.stream().filter(r -> r.status() == status).count();
    }

    /** Whether the build fails: any error, or any failure unless failures are ignored. */
    public boolean failsBuild(boolean ignoreFailures) {
        return count(RunStatus.ERROR) > 0 || !ignoreFailures && count(RunStatus.FAILED) > 0;
    }

    /** {@code Runs: 10, Passed: 7, Failures: 2, Errors: 1, Skipped: 0}, as Surefire counts. */
    public String counts() {
        return String.format(Locale.ROOT, "microTVM runs: %d, Passed: %d, Failures: %d, Errors: %d, Skipped: %d",
                runs.size(), count(RunStatus.PASSED), count(RunStatus.FAILED), count(RunStatus.ERROR),
                count(RunStatus.SKIPPED));
    }

    /** Every run that did not pass with its reasons, one block each: the build failure's message. */
    public String notPassed() {
        return runs.stream().filter(r -> r.status() == RunStatus.FAILED || r.status() == RunStatus.ERROR)
                .map(r -> "  " + r.run() + ": " + r.status().jsonName().toUpperCase(Locale.ROOT)
                        + r.reasons().stream().map(line -> "\n      " + line).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }
}
