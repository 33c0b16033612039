package io.microtvm.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.npz.Npz;
import io.microtvm.project.Footprint;
import io.microtvm.project.GeneratedProject;
import io.microtvm.run.DirectLink;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.OutputCheck;
import io.microtvm.run.RunReports;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.RunResult;
import io.microtvm.run.Tolerance;
import io.microtvm.run.TopN;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the model on the device of a flashed project: sends the inputs, runs it, reads the outputs
 * back, saves them as .npz, optionally compares them with expected outputs, and writes a JUnit XML
 * report and a JSON summary under {@code target/microtvm-reports/}.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class RunMojo extends AbstractMicroTvmMojo {
    static final String GOAL = "run";

    /** A .npz with named model inputs; inputs it does not name are filled by {@code fillMode}. */
    @Parameter(property = "microtvm.inputs")
    private File inputs;

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

    /** A .npz with expected outputs (output_0, ...); a mismatch fails the build. */
    @Parameter(property = "microtvm.expectedOutputs")
    private File expectedOutputs;

    /** Absolute tolerance of the comparison. Default: 0 for integer outputs, 1e-5 for floats. */
    @Parameter(property = "microtvm.atol")
    private Double atol;

    /** Relative tolerance of the comparison. Default: 0 for integer outputs, 1e-5 for floats. */
    @Parameter(property = "microtvm.rtol")
    private Double rtol;

    /** Runs to time: latency is reported as min/median/max over them. */
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

    /** Where the JUnit XML report and the JSON summary go. */
    @Parameter(property = "microtvm.reportsDirectory", defaultValue = "${project.build.directory}/microtvm-reports")
    private File reportsDirectory;

    /**
     * Talk to the device directly instead of through the template's transport: a serial port path
     * ({@code /dev/ttyACM0}, {@code COM3}) opened with jSerialComm, or {@code socket://host:port} for a UART
     * exposed on TCP (ser2net, QEMU {@code -serial tcp::4000,server=on}). The flashed firmware must be running
     * there. Unset: the Project API transport of the project (which starts QEMU for qemu-arm).
     */
    @Parameter(property = "microtvm.serialPort")
    private String serialPort;

    /** Baud rate of {@code serialPort} (8N1, no flow control); ignored for sockets. */
    @Parameter(property = "microtvm.baudRate", defaultValue = "115200")
    private int baudRate;

    @Override
    protected String goal() {
        return GOAL;
    }

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
        long fillSeed = seed != null ? seed : new SecureRandom().nextLong();
        if (baudRate < 1) {
            throw new MojoFailureException("baudRate (property microtvm.baudRate) must be a positive number of bits per"
                    + " second, e.g. 115200; got " + baudRate);
        }
        DirectLink link = serialPort == null || serialPort.isBlank() ? null : new DirectLink(serialPort.trim(), baudRate,
                Duration.ofSeconds(lockTimeout));
        Path dir = existingProjectDir();
        RunResult result;
        ObjectNode footprint;
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            var request = new ModelRun.Request(project, path(inputs), mode, fillSeed, path(expectedOutputs),
                    new Tolerance(atol, rtol), repeat, given, RunProtocol.parse(protocol));
            result = new ModelRun(serverSettingsFor(project, given, log), log, link, retryPolicy()).run(request);
            footprint = Footprint.of(project.dir()).map(Footprint::report).orElse(null);
        }
        report(result, footprint, log);
    }

    private void report(RunResult result, ObjectNode footprint, BuildLog log) throws IOException, MojoFailureException {
        Path out = outputs != null ? outputs.toPath()
                : buildDirectory.toPath().resolve("microtvm").resolve(result.project() + "-outputs.npz");
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        Npz.write(out, result.outputs());
        log.info("Ran " + result.project() + ": " + RunReports.summaryText(result) + "; outputs in " + out);
        if (printTop > 0 && result.outputs().containsKey("output_0")) {
            log.info("Top " + printTop + " of output_0:");
            TopN.format(result.outputs().get("output_0"), printTop).forEach(line -> log.info("  " + line));
        }
        for (OutputCheck c : result.checks()) {
            if (c.passed()) {
                log.info(c.message());
            }
        }
        Path xml = RunReports.write(reportsDirectory.toPath(), result, footprint);
        log.debug("Reports written to " + xml.getParent());
        if (!result.allChecksPassed()) {
            throw new MojoFailureException("The outputs of " + result.project() + " do not match "
                    + expectedOutputs + ":\n" + result.checks().stream().filter(c -> !c.passed())
                    .map(c -> "  " + c.message()).collect(Collectors.joining("\n")) + "\nReport: " + xml);
        }
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
