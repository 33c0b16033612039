package io.microtvm.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.SettingNames;
import io.microtvm.npz.Npz;
import io.microtvm.project.Footprint;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run gets to know on its way, as far as it got: the facts of its project, the result, the
 * firmware's footprint and the gates. Its reports are written from here whatever happens, so a run
 * that ends early still reports what it knew. One per run; not for several threads.
 */
public final class RunFindings {
    private RunFacts facts;
    private RunResult result;
    private ObjectNode footprint;
    private final List<GateResult> gates = new ArrayList<>();

    public RunFindings(RunFacts facts) {
        this.facts = facts;
    }

    public RunFacts facts() {
        return facts;
    }

    /** The run's result; null until the model ran. */
    public RunResult result() {
        return result;
    }

    /** Platform, board, model and protocol from the project's record, the given options over the recorded ones. */
    public void learnProject(GeneratedProject project, Map<String, String> given, RunProtocol wanted)
            throws MicroTvmException {
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

    /** The footprint the project's build reported, logged; none when its template reports none. */
    public void learnFootprint(GeneratedProject project, BuildLog log) throws MicroTvmException {
        Footprint firmware = Footprint.of(project.dir()).orElse(null);
        footprint = firmware == null ? null : firmware.report();
        if (firmware != null) {
            log.info("Footprint: " + firmware.summary());
        }
    }

    public void learnResult(RunResult result) {
        this.result = result;
    }

    /**
     * The gates that are set, checked against the result, the passed ones logged (the failed ones
     * go into the verdict): the latency limit ({@code limit}, null: none) and the regression against
     * {@code baseline} (null: none) by at most {@code maxRegressionPercent}.
     */
    public void checkGates(DeviceTimeLimit limit, BaselineReport baseline, double maxRegressionPercent,
                           SettingNames names, BuildLog log) throws MicroTvmException {
        if (limit != null) {
            gates.add(Gates.maxDeviceTime(limit, result, names));
        }
        if (baseline != null) {
            gates.addAll(Gates.regression(baseline, maxRegressionPercent, result, footprint, names));
        }
        gates.stream().filter(GateResult::passed).forEach(g -> log.info(g.message()));
    }

    /** Saves the outputs to {@code file} (.npz) and logs what ran ({@code who}) and how, with where they are. */
    public void saveOutputs(Path file, String who, BuildLog log) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Npz.write(file, result.outputs());
        log.info("Ran " + who + " (" + facts.modelName() + " on " + facts.target() + "): "
                + RunReports.summaryText(result) + "; outputs in " + file);
    }

    /** The top {@code printTop} elements of output_0 (none for 0), the checks that passed; failures: the verdict. */
    public void logPassedChecks(int printTop, BuildLog log) {
        if (printTop > 0 && result.outputs().containsKey("output_0")) {
            log.info("Top " + printTop + " of output_0:");
            TopN.format(result.outputs().get("output_0"), printTop).forEach(line -> log.info("  " + line));
        }
        result.checks().stream().filter(OutputCheck::passed).forEach(c -> log.info(c.message()));
        result.repeatChecks().stream().filter(RepeatCheck::passed).forEach(c -> log.info(c.message()));
    }

    /** The run completed: passed or failed, as its checks and gates say. */
    public RunOutcome completed(RunIdentity identity) {
        return RunOutcome.completed(identity, facts, result, footprint, gates);
    }

    /**
     * The run could not complete because of {@code error}; with what it knew by then. {@code message}: the
     * error as the build showed it (the caller's words for the setting that fixes it); null: the error's own.
     */
    public RunOutcome error(RunIdentity identity, Throwable error, String message) {
        return RunOutcome.error(identity, facts, error, message, result, footprint, gates);
    }
}
