package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.HostName;
import io.microtvm.LockFile;
import io.microtvm.Step;
import io.microtvm.project.GeneratedProject;
import io.microtvm.run.BaselineReport;
import io.microtvm.run.BaselineSource;
import io.microtvm.run.DirectLink;
import io.microtvm.run.ModelRun;
import io.microtvm.run.OutputShapes;
import io.microtvm.run.RunFacts;
import io.microtvm.run.RunFindings;
import io.microtvm.run.RunIdentity;
import io.microtvm.run.RunOutcome;
import io.microtvm.run.RunSettings;
import io.microtvm.run.Tolerance;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

/**
 * Runs the model on the device of a flashed project: sends the inputs, runs it, reads the outputs
 * back, saves them as .npz, optionally compares them with expected outputs and checks the latency and
 * regression gates, and writes a JUnit XML report and a JSON report under {@code target/microtvm-reports/}
 * on every path: passed, failed, error, skipped. Like Failsafe's integration-test, it can leave the
 * verdict to {@code microtvm:verify} ({@code failAtRun}). After each run it regenerates the page
 * ({@code index.html}) and the CSV of every run report there and logs their summary table.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class RunMojo extends RunParameters {
    static final String GOAL = "run";

    @Component(role = ComponentConfigurator.class, hint = "basic")
    private ComponentConfigurator configurator;

    /** The bound execution whose configuration a {@code default-cli} run took; null otherwise. */
    private String boundExecution;
    // what this run got to know, as far as it got: what the reports say when it ends early
    private RunFindings findings;
    private BaselineSource baseline;
    // expectedOutputs, or the file expectedOutputsArtifact resolved to
    private Path expectedFile;

    @Override
    protected Step step() {
        return Step.RUN;
    }

    @Override
    protected void skipped(BuildLog log, String reason) throws MojoExecutionException {
        reporting().publish(RunOutcome.skipped(identity(), RunFacts.startingNow(HostName.get(), fillMode, null),
                reason), null, log);
    }

    /** The whole run: stale reports removed first, then whatever happens, a report. */
    @Override
    protected void execute(BuildLog log) throws Exception {
        // first, as it may set reportsDirectory or baselineReport too; a problem is this run's error, reported
        Exception configurationProblem = null;
        try {
            boundExecution = BoundConfiguration.apply(this, GOAL, configurator, session, project, mojoExecution, log);
        } catch (Exception e) {
            configurationProblem = e;
        }
        RunIdentity id = identity();
        RunReporting reporting = reporting();
        baseline = BaselineSource.before(baselineReport == null ? null : baselineReport.toPath(),
                reporting.jsonReport());
        reporting.removeStale();
        long fillSeed = seed != null ? seed : new SecureRandom().nextLong();
        findings = new RunFindings(RunFacts.startingNow(HostName.get(), fillMode, fillSeed));
        RunOutcome outcome;
        Exception error = null;
        try {
            if (configurationProblem != null) {
                throw configurationProblem;
            }
            checkCommonParameters();
            run(log);
            outcome = findings.completed(id);
        } catch (Exception e) {
            error = e;
            outcome = findings.error(id, e, MojoExceptions.reportedMessage(e));
        }
        Path xml = reporting.publish(outcome, error, log);
        new RunJudge(failAtRun != null ? failAtRun : !bindsVerify(), testFailureIgnore, expectedFile)
                .judge(outcome, error, xml, log);
    }

    /** The run itself, from the parameters to the gates; what it learns on the way goes into {@link #findings}. */
    @Override
    protected void run(BuildLog log) throws Exception {
        // the user's settings, the gates' included, are checked before the device is touched
        RunSettings settings = RunSettings.check(fillMode, repeat, hostFileThreshold, protocol, maxDeviceTime);
        if (baudRate < 1) {
            throw new MojoFailureException("baudRate (property microtvm.baudRate) must be a positive number of bits per"
                    + " second, e.g. 115200; got " + baudRate);
        }
        BaselineReport baselineRun = baseline.read();
        DirectLink link = serialPort == null || serialPort.isBlank() ? null
                : new DirectLink(serialPort.trim(), baudRate, Duration.ofSeconds(lockTimeout));
        Path dir = boundExecution != null && projectDir == null
                ? projectLocations().forExistingProject(boundExecution, "mvn " + GoalNames.qualified(step())) : existingProjectDir();
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject generated = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            findings.learnProject(generated, given, settings.protocol());
            findings.learnFootprint(generated, log);
            MavenArtifacts artifacts = mavenArtifacts();
            Path inputsFile = artifacts.fileOrArtifact(inputs, "inputs", inputsArtifact, "inputsArtifact", "npz", log);
            expectedFile = artifacts.fileOrArtifact(expectedOutputs, "expectedOutputs", expectedOutputsArtifact,
                    "expectedOutputsArtifact", "npz", log);
            var request = new ModelRun.Request(generated, inputsFile, settings.fillMode(), findings.facts().seed(),
                    expectedFile, new Tolerance(atol, rtol), settings.repeat(), given, settings.protocol(),
                    OutputShapes.parse(outputShapes));
            findings.learnResult(new ModelRun(serverSettings(log), log, link, retryPolicy())
                    .withDirectChannel(directChannel).withHostFileThreshold(settings.hostFiles()).run(request));
        }
        findings.saveOutputs(outputs != null ? outputs.toPath() : buildDirectory.toPath().resolve("microtvm")
                .resolve(findings.result().project() + "-outputs.npz"), identity().describe(), log);
        findings.logPassedChecks(printTop, log);
        findings.checkGates(settings.limit(), baselineRun, maxRegressionPercent, log, log);
    }

    /** Reports where this execution's reports go, after the bound configuration (which may set the dir). */
    private RunReporting reporting() {
        return new RunReporting(reportsDirectory.toPath(), identity(), !bindsVerify(),
                attach ? mavenArtifacts() : null);
    }

    private RunIdentity identity() {
        return new RunIdentity(project == null || project.getGroupId() == null ? "unknown" : project.getGroupId(),
                project == null || project.getArtifactId() == null ? "unknown" : project.getArtifactId(),
                executionId());
    }

    /** Whether the module binds microtvm:verify, which then judges the runs after all have reported. */
    private boolean bindsVerify() {
        return mojoExecution != null && mojoExecution.getMojoDescriptor() != null
                && !PomExecutions.binding(project, mojoExecution.getMojoDescriptor().getPluginDescriptor()
                .getPluginLookupKey(), VerifyMojo.GOAL).isEmpty();
    }
}
