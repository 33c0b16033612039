package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.project.AttachedArtifacts;
import io.microtvm.report.ModuleReports;
import io.microtvm.run.RunIdentity;
import io.microtvm.run.RunOutcome;
import io.microtvm.run.RunReports;
import io.microtvm.run.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * A run's reports in the build: its JUnit XML and JSON reports written on every path, the module's page
 * and CSV regenerated from all reports there, the summary table logged when no verify goal logs it at the
 * end, and the JSON report attached to the project.
 *
 * @param dir          the reports directory
 * @param identity     the run
 * @param summaryTable whether this goal logs the summary table (no verify goal is bound to)
 * @param artifacts    where the JSON report is attached; null to attach nothing
 */
record RunReporting(Path dir, RunIdentity identity, boolean summaryTable, MavenArtifacts artifacts) {

    /** This execution's JSON report, which a run replaces. */
    Path jsonReport() {
        return RunReports.jsonReport(dir, identity);
    }

    /** Removes this execution's reports of an earlier build, so that none outlives a run that ends early. */
    void removeStale() throws IOException {
        RunReports.deleteStale(dir, identity);
    }

    /**
     * Writes the reports of {@code outcome} and publishes them; the JUnit XML's path.
     *
     * @param error what ended the run, if anything; kept with a failure to write the reports
     */
    Path publish(RunOutcome outcome, Exception error, BuildLog log) throws MojoExecutionException {
        Path xml;
        try {
            if (outcome.status() == RunStatus.SKIPPED) {
                removeStale();
            }
            xml = RunReports.write(dir, outcome);
        } catch (IOException e) {
            MojoExecutionException failure = new MojoExecutionException("Cannot write the "
                    + (outcome.status() == RunStatus.SKIPPED ? "report of the skipped run " : "reports of ")
                    + identity.describe() + " to " + dir + ": " + e.getMessage(), e);
            if (error != null) {
                failure.addSuppressed(error);
            }
            throw failure;
        }
        ModuleReports.publish(dir, log, summaryTable);
        if (artifacts != null && outcome.status() != RunStatus.SKIPPED) {
            artifacts.attach(AttachedArtifacts.REPORT, identity.executionId(), "json", jsonReport(), log);
        }
        return xml;
    }
}
