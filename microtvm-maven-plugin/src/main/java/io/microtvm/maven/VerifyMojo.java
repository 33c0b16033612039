package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.Step;
import io.microtvm.report.RunReportReader;
import io.microtvm.report.ModuleReports;
import io.microtvm.report.SummaryTable;
import io.microtvm.run.ReportedRun;
import io.microtvm.run.RunVerdict;
import java.time.Instant;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build when a run of this module failed or could not complete, naming every such run, after all
 * of them have run and reported: the JSON reports microtvm:run wrote to {@code reportsDirectory} in this
 * build (all of them when this goal runs on its own). Bind run in integration-test and this goal in verify,
 * as Failsafe's integration-test and verify goals.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractDeviceTestMojo {
    static final String GOAL = "verify";


    /** Judging the runs' reports needs no tools of a platform: runs skipped for want of them reported so. */
    @Override
    protected boolean skippedAsUnavailable(BuildLog log) {
        return false;
    }

    @Override
    protected Step step() {
        return Step.VERIFY;
    }

    @Override
    protected void run(BuildLog log) throws Exception {
        Instant buildStart = session == null || session.getRequest() == null || session.getRequest().getStartTime() == null
                ? null : session.getRequest().getStartTime().toInstant();
        RunVerdict verdict = RunVerdict.of(ReportedRun.readAll(reportsDirectory.toPath()), buildStart);
        if (verdict.runs().isEmpty()) {
            log.info("No microtvm:run reports in " + reportsDirectory + ": nothing to verify.");
            return;
        }
        if (!verdict.olderRuns().isEmpty()) {
            log.info("Not verifying " + verdict.olderRuns().size() + " report(s) older than this build: "
                    + verdict.olderRuns().stream().map(ReportedRun::run).toList());
        }
        // the summary table of every run there, like Surefire's Results block at the end of the log
        SummaryTable.lines(RunReportReader.readAll(reportsDirectory.toPath(), log)).forEach(log::info);
        log.info(ModuleReports.pageLine(reportsDirectory.toPath()));
        log.info(verdict.counts());
        String notPassed = verdict.notPassed();
        if (!verdict.failsBuild(testFailureIgnore)) {
            if (!notPassed.isEmpty()) {
                log.warn("Runs that failed (maven.test.failure.ignore=true: the build goes on):\n" + notPassed);
            }
            return;
        }
        throw new MojoFailureException(verdict.counts() + ". These runs did not pass:\n" + notPassed
                + "\nReports: " + reportsDirectory);
    }
}
