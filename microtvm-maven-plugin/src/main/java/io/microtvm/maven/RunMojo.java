package io.microtvm.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.BuildLog;
import io.microtvm.HostName;
import io.microtvm.LockFile;
import io.microtvm.npz.Npz;
import io.microtvm.project.ArtifactCoordinates;
import io.microtvm.project.AttachedArtifacts;
import io.microtvm.project.Footprint;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectException;
import io.microtvm.project.ProjectRecord;
import io.microtvm.report.ModuleReports;
import io.microtvm.run.BaselineReport;
import io.microtvm.run.DeviceTimeLimit;
import io.microtvm.run.DirectLink;
import io.microtvm.run.FillMode;
import io.microtvm.run.GateResult;
import io.microtvm.run.Gates;
import io.microtvm.run.ModelRun;
import io.microtvm.run.OutputShapes;
import io.microtvm.run.OutputCheck;
import io.microtvm.run.RepeatCheck;
import io.microtvm.run.RunFacts;
import io.microtvm.run.RunIdentity;
import io.microtvm.run.RunOutcome;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.RunReports;
import io.microtvm.run.RunResult;
import io.microtvm.run.RunStatus;
import io.microtvm.run.Tolerance;
import io.microtvm.run.TopN;
import io.microtvm.run.standalone.HostFileThreshold;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Runs the model on the device of a flashed project: sends the inputs, runs it, reads the outputs
 * back, saves them as .npz, optionally compares them with expected outputs and checks the latency and
 * regression gates, and writes a JUnit XML report and a JSON report under {@code target/microtvm-reports/}
 * on every path: passed, failed, error, skipped. Like Failsafe's integration-test, it can leave the
 * verdict to {@code microtvm:verify} ({@code failAtRun}). After each run it regenerates the page
 * ({@code index.html}) and the CSV of every run report there and logs their summary table.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class RunMojo extends AbstractDeviceTestMojo {
    static final String GOAL = "run";

    /** A .npz with named model inputs; inputs it does not name are filled by {@code fillMode}. */
    @Parameter(property = "microtvm.inputs")
    private File inputs;

    /**
     * The inputs as Maven coordinates instead of a file: groupId:artifactId:version[:classifier] of an
     * .npz artifact, resolved from the build's repositories. Unset: inputs.
     */
    @Parameter(property = "microtvm.inputsArtifact")
    private String inputsArtifact;

    /** zeros, ones or random (tvmc's rule: int8 dtypes 0..127, else uniform in [-1, 1)). */
    @Parameter(property = "microtvm.fillMode", defaultValue = "random")
    private String fillMode;

    /** Seed of the random fill; unset: a fresh one, logged so the run can be repeated. */
    @Parameter(property = "microtvm.seed")
    private Long seed;

    /** Where the outputs are saved (.npz with output_0, output_1, ...). Default: target/microtvm/PROJECT-outputs.npz. */
    @Parameter(property = "microtvm.outputs")
    private File outputs;

    /** Print the indices and values of the N largest elements of output_0. */
    @Parameter(property = "microtvm.printTop", defaultValue = "0")
    private int printTop;

    /**
     * A .npz with expected outputs, named output_0, ... or by the model's own output names; a mismatch
     * fails the run, a name the model has no output for is an error, and an output it has no array
     * for is named in a warning.
     */
    @Parameter(property = "microtvm.expectedOutputs")
    private File expectedOutputs;

    /**
     * Shapes of outputs whose shape the model does not record, as {@code NAME:[d0,d1,...]} entries
     * ({@code output_0:[1,12],output_1:[2,3]}; NAME is {@code output_N} or the output's name); empty (the
     * default): the model's own shapes, else those of {@code expectedOutputs}, else flat.
     */
    @Parameter(property = "microtvm.outputShapes")
    private String outputShapes;

    /**
     * The expected outputs as Maven coordinates instead of a file: groupId:artifactId:version[:classifier]
     * of an .npz artifact, resolved from the build's repositories. Unset: expectedOutputs.
     */
    @Parameter(property = "microtvm.expectedOutputsArtifact")
    private String expectedOutputsArtifact;

    /** Absolute tolerance of the comparison. Default: 0 for integer outputs, 1e-5 for floats. */
    @Parameter(property = "microtvm.atol")
    private Double atol;

    /** Relative tolerance of the comparison. Default: 0 for integer outputs, 1e-5 for floats. */
    @Parameter(property = "microtvm.rtol")
    private Double rtol;

    /**
     * Runs of the model on the same inputs, default 1: inputs are uploaded once and outputs downloaded once,
     * latency is reported as min/median/max, and runs that give different outputs fail the run.
     */
    @Parameter(property = "microtvm.repeat", defaultValue = "1")
    private int repeat;

    /**
     * What the device's firmware speaks: {@code auto} (from the project's project_type:
     * standalone, or host_driven), {@code standalone} (the plugin's own protocol), or
     * {@code host-driven} (microTVM RPC with TVM's CRT RPC server, as {@code tvmc run --device micro}
     * uses; for projects of TVM's own templates, e.g. its crt host template or Zephyr host_driven).
     * Host-driven runs read the model (module name, executor, graph, parameters) from the MLF
     * extracted under the project's model/ dir, time each run with the device's timer through
     * runtime.RPCTimeEvaluator, and forward the device's log messages to the build log.
     */
    @Parameter(property = "microtvm.protocol", defaultValue = "auto")
    private String protocol;

    /**
     * Talk to the device directly instead of through the template's transport: a serial port path
     * ({@code /dev/ttyACM0}, {@code COM3}) opened with jSerialComm, or {@code socket://host:port} for a UART
     * exposed on TCP (ser2net, QEMU {@code -serial tcp::4000,server=on}). The flashed firmware must be running
     * there. Unset: the Project API transport of the project (which starts QEMU for qemu-arm).
     */
    @Parameter(property = "microtvm.serialPort")
    private String serialPort;

    /**
     * Whether {@code run} may use the direct channel a bundled template offers to its device program (a
     * local socket, no server in the data path); {@code false} sends every byte through the Project API
     * relay, as TVM's own client does. Templates that offer none always use the relay.
     */
    @Parameter(property = "microtvm.directChannel", defaultValue = "true")
    private boolean directChannel;

    /** Baud rate of {@code serialPort} (8N1, no flow control); ignored for sockets. */
    @Parameter(property = "microtvm.baudRate", defaultValue = "115200")
    private int baudRate;

    /**
     * Standalone tensors of at least this many bytes go through files on the device's host instead of the
     * byte channel, where the firmware offers that (qemu-arm: QEMU semihosting; host) and the transport is the
     * template's own, never with serialPort; default 16384, 0: every tensor, -1: never.
     */
    @Parameter(property = "microtvm.hostFileThreshold", defaultValue = "16384")
    private long hostFileThreshold;

    /**
     * Attach the JSON report to the Maven project (classifier EXECUTION-report), so that {@code install}
     * and {@code deploy} publish it.
     */
    @Parameter(property = "microtvm.attach", defaultValue = "true")
    private boolean attach;

    /**
     * Latency gate: the run fails when its median device time exceeds this, e.g. {@code 5ms}, {@code 800us},
     * {@code 2s}, {@code 412ns}, or under QEMU -icount a count of emulated instructions such as
     * {@code 20000000instructions}. Unset: no limit.
     */
    @Parameter(property = "microtvm.maxDeviceTime")
    private String maxDeviceTime;

    /**
     * Regression gate: the JSON report of an earlier run (a microtvm-*.json, e.g. kept from the last release);
     * the run fails when its median device time or its flash or RAM footprint grew by more than
     * {@code maxRegressionPercent}. Unset: no comparison.
     */
    @Parameter(property = "microtvm.baselineReport")
    private File baselineReport;

    /** How much the device time and the footprint may grow against {@code baselineReport}, in percent; default 10. */
    @Parameter(property = "microtvm.maxRegressionPercent", defaultValue = "10")
    private double maxRegressionPercent;

    /**
     * Whether a run that fails (outputs, gates) or errs fails the build at once. Unset: yes, unless the module
     * binds microtvm:verify, which then fails the build after every execution has run and reported (as
     * Failsafe's integration-test and verify). false leaves the verdict to microtvm:verify.
     */
    @Parameter(property = "microtvm.failAtRun")
    private Boolean failAtRun;



    @Component(role = ComponentConfigurator.class, hint = "basic")
    private ComponentConfigurator configurator;

    /** The bound execution whose configuration a {@code default-cli} run took; null otherwise. */
    private String boundExecution;

    // what this run got to know, as far as it got: what the reports say when it ends early
    private RunFacts facts;
    private RunResult result;
    private ObjectNode footprint;
    private final List<GateResult> gates = new ArrayList<>();
    private BaselineReport preloadedBaseline;
    private long fillSeed;
    private ProjectException baselineProblem;
    // expectedOutputs, or the file expectedOutputsArtifact resolved to
    private Path expectedFile;

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected void skipped(BuildLog log, String reason) throws MojoExecutionException {
        RunIdentity id = identity();
        Path dir = reportsDirectory.toPath();
        try {
            RunReports.deleteStale(dir, id);
            RunReports.write(dir, RunOutcome.skipped(id, RunFacts.startingNow(HostName.get(), fillMode, null), reason));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the report of the skipped run " + id.describe() + " to "
                    + dir + ": " + e.getMessage(), e);
        }
        ModuleReports.publish(dir, log, !bindsVerify());
    }

    /** The whole run: stale reports removed first, then whatever happens, a report. */
    @Override
    protected void execute(BuildLog log) throws Exception {
        // first, as it may set reportsDirectory or baselineReport too; a problem is this run's error, reported
        Exception configurationProblem = null;
        try {
            applyBoundConfiguration(log);
        } catch (Exception e) {
            configurationProblem = e;
        }
        RunIdentity id = identity();
        Path dir = reportsDirectory.toPath();
        // a baseline that is this execution's own last report (compare with the previous build) is read
        // before that report is removed as stale
        if (baselineReport != null && baselineReport.toPath().toAbsolutePath().normalize()
                .equals(RunReports.jsonReport(dir, id).toAbsolutePath().normalize())) {
            try {
                preloadedBaseline = BaselineReport.read(baselineReport.toPath());
            } catch (ProjectException e) {
                baselineProblem = e; // reported as this run's error, below
            }
        }
        RunReports.deleteStale(dir, id);
        fillSeed = seed != null ? seed : new SecureRandom().nextLong();
        facts = RunFacts.startingNow(HostName.get(), fillMode, fillSeed);
        RunOutcome outcome;
        Exception error = null;
        try {
            if (configurationProblem != null) {
                throw configurationProblem;
            }
            checkCommonParameters();
            run(log);
            outcome = RunOutcome.completed(id, facts, result, footprint, gates);
        } catch (Exception e) {
            error = e;
            outcome = RunOutcome.error(id, facts, e, result, footprint, gates);
        }
        Path xml;
        try {
            xml = RunReports.write(dir, outcome);
        } catch (IOException e) {
            MojoExecutionException failure = new MojoExecutionException("Cannot write the reports of " + id.describe()
                    + " to " + dir + ": " + e.getMessage(), e);
            if (error != null) {
                failure.addSuppressed(error);
            }
            throw failure;
        }
        // the page and the CSV whatever the outcome; the summary table here only when no verify goal logs it at the end
        ModuleReports.publish(dir, log, !bindsVerify());
        if (attach) {
            mavenArtifacts().attach(AttachedArtifacts.REPORT, id.executionId(), "json", RunReports.jsonReport(dir, id),
                    log);
        }
        judge(outcome, error, xml, log);
    }

    /** The run itself, from the parameters to the gates; what it learns on the way goes into the fields above. */
    @Override
    protected void run(BuildLog log) throws Exception {
        FillMode mode;
        try {
            mode = FillMode.parse(fillMode);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        if (repeat < 1) {
            throw new MojoFailureException("repeat (property microtvm.repeat) must be at least 1, got " + repeat + ".");
        }
        if (baudRate < 1) {
            throw new MojoFailureException("baudRate (property microtvm.baudRate) must be a positive number of bits per"
                    + " second, e.g. 115200; got " + baudRate);
        }
        HostFileThreshold hostFiles;
        try {
            hostFiles = new HostFileThreshold(hostFileThreshold);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        RunProtocol wanted = RunProtocol.parse(protocol);
        // the gates' settings are the user's to fix, so they are read before the device is touched
        DeviceTimeLimit limit = maxDeviceTime == null || maxDeviceTime.isBlank() ? null
                : DeviceTimeLimit.parse(maxDeviceTime);
        if (baselineProblem != null) {
            throw baselineProblem;
        }
        BaselineReport baseline = preloadedBaseline != null ? preloadedBaseline
                : baselineReport == null ? null : BaselineReport.read(baselineReport.toPath());
        DirectLink link = serialPort == null || serialPort.isBlank() ? null : new DirectLink(serialPort.trim(), baudRate,
                Duration.ofSeconds(lockTimeout));
        Path dir = boundExecution != null && projectDir == null
                ? projectLocations().forExistingProject(boundExecution, goal()) : existingProjectDir();
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            learnProjectFacts(project, given, wanted);
            Footprint firmware = Footprint.of(project.dir()).orElse(null);
            footprint = firmware == null ? null : firmware.report();
            if (firmware != null) {
                log.info("Footprint: " + firmware.summary());
            }
            Path inputsFile = fileOrArtifact(inputs, "inputs", inputsArtifact, "inputsArtifact", log);
            expectedFile = fileOrArtifact(expectedOutputs, "expectedOutputs", expectedOutputsArtifact,
                    "expectedOutputsArtifact", log);
            var request = new ModelRun.Request(project, inputsFile, mode, fillSeed, expectedFile,
                    new Tolerance(atol, rtol), repeat, given, wanted, OutputShapes.parse(outputShapes));
            result = new ModelRun(serverSettings(log), log, link, retryPolicy())
                    .withDirectChannel(directChannel).withHostFileThreshold(hostFiles).run(request);
        }
        Path out = outputs != null ? outputs.toPath()
                : buildDirectory.toPath().resolve("microtvm").resolve(result.project() + "-outputs.npz");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Npz.write(out, result.outputs());
        log.info("Ran " + identity().describe() + " (" + facts.modelName() + " on " + facts.target() + "): "
                + RunReports.summaryText(result) + "; outputs in " + out);
        if (printTop > 0 && result.outputs().containsKey("output_0")) {
            log.info("Top " + printTop + " of output_0:");
            TopN.format(result.outputs().get("output_0"), printTop).forEach(line -> log.info("  " + line));
        }
        for (OutputCheck c : result.checks()) {
            if (c.passed()) {
                log.info(c.message());
            }
        }
        result.repeatChecks().stream().filter(RepeatCheck::passed).forEach(c -> log.info(c.message()));
        if (limit != null) {
            gates.add(Gates.maxDeviceTime(limit, result));
        }
        if (baseline != null) {
            gates.addAll(Gates.regression(baseline, maxRegressionPercent, result, footprint));
        }
        gates.stream().filter(GateResult::passed).forEach(g -> log.info(g.message()));
    }

    /** Platform, board, model and protocol from the project record, for the reports. */
    private void learnProjectFacts(GeneratedProject project, Map<String, String> given, RunProtocol wanted)
            throws Exception {
        ProjectRecord record = project.record();
        String board = project.effectiveOptions(given, BuildLog.NONE).get("board");
        if ((board == null || board.isBlank()) && record.resolvedOptions() != null
                && record.resolvedOptions().hasNonNull("board")) {
            board = record.resolvedOptions().get("board").asText();
        }
        facts = facts.withProject(project.dir().getFileName().toString(),
                record.platform() != null ? record.platform() : record.templateDir(),
                board == null || board.isBlank() ? null : board, record.modelLibraryFormat(),
                record.modelLibraryFormatDigest(), wanted.resolve(project).parameterValue());
    }

    /**
     * Fails the build at once, or warns and leaves it to microtvm:verify, as {@code failAtRun} and
     * {@code testFailureIgnore} say. An error is never turned into a warning.
     */
    private void judge(RunOutcome outcome, Exception error, Path xml, BuildLog log) throws Exception {
        String who = outcome.identity().describe() + " (" + outcome.facts().modelName() + " on "
                + outcome.facts().target() + ")";
        boolean failNow = failAtRun != null ? failAtRun : !bindsVerify();
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
        if (testFailureIgnore) {
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
                    .append(", property microtvm.repeat) did not all give the same outputs:");
            unstable.forEach(c -> s.append("\n  ").append(c.message()));
        }
        outcome.gates().stream().filter(g -> !g.passed()).forEach(g -> s.append("\n  ").append(g.message()));
        return s.toString();
    }

    private RunIdentity identity() {
        return new RunIdentity(project == null || project.getGroupId() == null ? "unknown" : project.getGroupId(),
                project == null || project.getArtifactId() == null ? "unknown" : project.getArtifactId(),
                executionId());
    }

    private String pluginKey() {
        return mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
    }

    /** Whether the module binds microtvm:verify, which then judges the runs after all have reported. */
    private boolean bindsVerify() {
        return mojoExecution != null && mojoExecution.getMojoDescriptor() != null
                && !PomExecutions.binding(project, pluginKey(), VerifyMojo.GOAL).isEmpty();
    }

    /**
     * {@code mvn microtvm:run} alone ({@code default-cli}): the configuration of the module's single bound run
     * execution (inputs, expected outputs, tolerances, gates...) for every parameter not given with -D, so it
     * runs what the lifecycle runs. Several bound run executions: an error naming them, never a guess.
     */
    private void applyBoundConfiguration(BuildLog log) throws Exception {
        if (!PomExecutions.CLI_EXECUTION.equals(executionId()) || session == null || project == null
                || mojoExecution.getMojoDescriptor() == null) {
            return;
        }
        Map<String, Xpp3Dom> bound = PomExecutions.binding(project, pluginKey(), GOAL);
        if (bound.containsKey(PomExecutions.CLI_EXECUTION)) {
            return; // the POM configures default-cli itself, and Maven has applied it
        }
        if (bound.size() > 1) {
            throw new MojoFailureException("mvn microtvm:run on its own cannot tell which configuration to use: "
                    + project.getGroupId() + ":" + project.getArtifactId() + " binds run in " + bound.size()
                    + " executions. Run one of them: " + bound.keySet().stream().map(id -> "microtvm:run@" + id)
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (bound.isEmpty()) {
            return;
        }
        Map.Entry<String, Xpp3Dom> only = bound.entrySet().iterator().next();
        MojoDescriptor descriptor = mojoExecution.getMojoDescriptor();
        Map<String, String> propertyOf = new HashMap<>();
        descriptor.getParameters().forEach(p -> propertyOf.put(p.getName(), PomExecutions.propertyOf(p.getExpression())));
        Xpp3Dom config = PomExecutions.notGivenAsProperties(only.getValue(), propertyOf,
                List.of(session.getUserProperties(), session.getSystemProperties()));
        configurator.configureComponent(this, new XmlPlexusConfiguration(config),
                new PluginParameterExpressionEvaluator(session, mojoExecution),
                descriptor.getPluginDescriptor().getClassRealm());
        boundExecution = only.getKey();
        log.info("microtvm:run on its own uses the configuration of execution '" + only.getKey() + "' ("
                + (config.getChildCount() == 0 ? "none of its own" : java.util.Arrays.stream(config.getChildren())
                .map(Xpp3Dom::getName).collect(Collectors.joining(", "))) + "); parameters given with -D win.");
    }

    /** The .npz of parameter {@code name}, given as a file or (parameter {@code artifactName}) as Maven coordinates. */
    private Path fileOrArtifact(File file, String name, String coordinates, String artifactName, BuildLog log)
            throws MojoFailureException, ProjectException {
        if (coordinates == null || coordinates.isBlank()) {
            return path(file);
        }
        if (file != null) {
            throw new MojoFailureException("Both " + name + " (property microtvm." + name + ", " + file + ") and "
                    + artifactName + " (property microtvm." + artifactName + ", " + coordinates.strip()
                    + ") are set: give them one way.");
        }
        String parameter = artifactName + " (property microtvm." + artifactName + ")";
        return mavenArtifacts().resolve(ArtifactCoordinates.parse(coordinates, "npz", parameter), parameter, log);
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
