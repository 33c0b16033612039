package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.Setting;
import io.microtvm.run.OutputCheck;
import io.microtvm.run.RepeatCheck;
import io.microtvm.run.RunOutcome;
import io.microtvm.run.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/**
 * What a run's outcome does to the build, once its reports are written: a pass is quiet; a failure or
 * an error fails the build at once, or is logged and left to {@code microtvm:verify}, as
 * {@code failAtRun} and {@code maven.test.failure.ignore} say. An error is never turned into a warning.
 *
 * @param failNow      whether a run that did not pass fails the build at once
 * @param ignoreFailed {@code maven.test.failure.ignore}: a failed (not an erred) run only warns
 * @param expectedFile the expected outputs the run compared with, for the message
 */
record RunJudge(boolean failNow, boolean ignoreFailed, Path expectedFile) {

    /** Judges {@code outcome}; {@code error} is what ended a run that could not complete, thrown again to fail now. */
    void judge(RunOutcome outcome, Exception error, Path xml, BuildLog log) throws Exception {
        String who = outcome.identity().describe() + " (" + outcome.facts().modelName() + " on "
                + outcome.facts().target() + ")";
        if (outcome.status() == RunStatus.ERROR) {
            if (failNow) {
                log.error("Run " + who + " could not complete; report: " + xml);
                throw error;
            }
            log.error("Run " + who + " could not complete: " + outcome.error().message() + "\n  Report: " + xml
                    + "\n  microtvm:verify fails the build (failAtRun=false).");
            return;
        }
        if (outcome.status() == RunStatus.PASSED) {
            log.debug("Reports written to " + xml.getParent());
            return;
        }
        String message = failureMessage(who, outcome) + "\nReport: " + xml;
        if (ignoreFailed) {
            log.warn(message + "\n(maven.test.failure.ignore=true: the build goes on)");
        } else if (failNow) {
            throw new MojoFailureException(message);
        } else {
            log.error(message + "\nmicrotvm:verify fails the build (failAtRun=false).");
        }
    }

    private String failureMessage(String who, RunOutcome outcome) {
        StringBuilder s = new StringBuilder("Run " + who + " failed:");
        List<OutputCheck> failed = outcome.result().checks().stream().filter(c -> !c.passed()).toList();
        if (!failed.isEmpty()) {
            s.append("\nThe outputs of ").append(outcome.result().project()).append(" do not match ")
                    .append(expectedFile).append(":");
            failed.forEach(c -> s.append("\n  ").append(c.message()));
        }
        List<RepeatCheck> unstable = outcome.result().repeatChecks().stream().filter(c -> !c.passed()).toList();
        if (!unstable.isEmpty()) {
            s.append("\nThe repetitions (repeat=").append(outcome.result().runs().size())
                    .append(", property ").append(PropertyNames.property(Setting.REPEAT))
                    .append(") did not all give the same outputs:");
            unstable.forEach(c -> s.append("\n  ").append(c.message()));
        }
        outcome.gates().stream().filter(g -> !g.passed()).forEach(g -> s.append("\n  ").append(g.message()));
        return s.toString();
    }
}
