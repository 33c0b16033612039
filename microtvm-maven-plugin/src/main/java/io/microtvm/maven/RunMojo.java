package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.OutputCheck;
import io.microtvm.run.RunReports;
import io.microtvm.run.RunResult;
import io.microtvm.run.Tolerance;
import io.microtvm.run.TopN;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
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

    /** Where the JUnit XML report and the JSON summary go. */
    @Parameter(property = "microtvm.reportsDirectory", defaultValue = "${project.build.directory}/microtvm-reports")
    private File reportsDirectory;

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
        Path dir = existingProjectDir();
        RunResult result;
        try (LockFile ignored = lockProject(dir, log)) {
            GeneratedProject project = GeneratedProject.open(dir);
            Map<String, String> given = givenOptions();
            var request = new ModelRun.Request(project, path(inputs), mode, fillSeed, path(expectedOutputs),
                    new Tolerance(atol, rtol), repeat, given);
            result = new ModelRun(serverSettingsFor(project, given, log), log).run(request);
        }
        report(result, log);
    }

    private void report(RunResult result, BuildLog log) throws IOException, MojoFailureException {
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
        Path xml = RunReports.write(reportsDirectory.toPath(), result);
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
