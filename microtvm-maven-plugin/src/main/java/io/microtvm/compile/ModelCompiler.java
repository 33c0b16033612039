package io.microtvm.compile;

import io.microtvm.AtomicFiles;
import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.project.Digests;
import io.microtvm.projectapi.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Compiles a model into a Model Library Format archive with the user's TVM ({@code tvmc compile}
 * in a child process), unless the MLF of the last compile was made from the same model with the
 * same settings. The MLF is written to a temporary dir beside its destination and moved into place
 * only once tvmc succeeded and the archive holds a {@code metadata.json}: a failed or killed
 * compile leaves the previous MLF (or none), never half of one.
 */
public final class ModelCompiler {

    /** The MLF's name inside the compile dir. */
    public static final String MLF_NAME = "model.tar";
    private static final int TAIL_LINES_IN_ERRORS = 30;

    private final BuildLog log;

    public ModelCompiler(BuildLog log) {
        this.log = log;
    }

    /**
     * One compile.
     *
     * @param model          the model file
     * @param format         its format
     * @param settings       the effective settings
     * @param settingsBasis  what the default settings were chosen by, for the log ("platform host, ...")
     * @param outputDir      the compile dir: {@value #MLF_NAME} and the record go here
     * @param python         the interpreter that imports tvm
     * @param environment    added to the inherited environment of TVM's processes
     * @param workingDir     where tvmc runs (relative paths in compileArguments resolve here)
     * @param importDeadline how long importing tvm may take
     * @param compileDeadline how long tvmc compile may take
     * @param force          compile even when up to date
     * @param pluginVersion  recorded
     */
    public record Request(Path model, ModelFormat format, CompileSettings settings, String settingsBasis,
                          Path outputDir, String python, Map<String, String> environment, Path workingDir,
                          Duration importDeadline, Duration compileDeadline, boolean force, String pluginVersion) {
    }

    /** Compiles if needed; returns the MLF. */
    public Path compile(Request request) throws MicroTvmException {
        return MicroTvmException.failingAs("compile " + request.model(), () -> compileIfNeeded(request));
    }

    private Path compileIfNeeded(Request request) throws MicroTvmException, IOException {
        Path model = checkModel(request.model());
        Path outputDir = request.outputDir().toAbsolutePath().normalize();
        Path mlf = outputDir.resolve(MLF_NAME);
        String modelDigest = Digests.sha256(model);
        List<String> reasons = reasonsToCompile(CompileRecord.readFrom(outputDir), modelDigest, request.format(),
                request.settings(), mlf);
        if (reasons.isEmpty() && !request.force()) {
            log.info("MLF " + mlf + " is up to date with " + model.getFileName() + " and its compile settings;"
                    + " not compiling (TVM not started).");
            return mlf;
        }
        log.info("Compiling " + model.getFileName() + " (" + (request.force() ? "force" : String.join("; ", reasons))
                + ")");
        TvmInstallation tvm = TvmInstallation.find(request.python(), request.workingDir(), request.environment(),
                request.importDeadline(), log);
        tvm.version().supportWarning().ifPresent(w -> log.warn(w + "."));
        log.info("With TVM " + tvm.version().text() + " (" + tvm.location() + "), the settings for "
                + request.settingsBasis() + ": " + request.settings().describe());
        Files.createDirectories(outputDir);
        Path staging = Files.createTempDirectory(outputDir, "." + MLF_NAME + ".");
        try {
            Path staged = staging.resolve(MLF_NAME);
            List<String> command = TvmcCommand.of(request.python(), model, request.format(), request.settings(), staged,
                    tvm.version());
            long start = System.nanoTime();
            runTvmc(command, request);
            checkIsMlf(staged, command);
            String mlfDigest = Digests.sha256(staged);
            AtomicFiles.moveReplacing(staged, mlf);
            new CompileRecord(CompileRecord.FORMAT_VERSION, request.pluginVersion(), model.toString(), modelDigest,
                    request.format().tvmcName(), CompileRecord.settingsNode(request.settings()), tvm.version().text(),
                    tvm.location(), command, mlfDigest, Instant.now().toString()).writeTo(outputDir);
            log.info("Compiled " + model.getFileName() + " into " + mlf + " (" + Files.size(mlf) + " bytes, "
                    + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s)");
            return mlf;
        } finally {
            AtomicFiles.deleteTreeQuietly(staging);
        }
    }

    /**
     * Why the model must be compiled again; empty when the MLF in place came from this model (by
     * digest) in this format with these settings, and is still the file that compile wrote.
     */
    static List<String> reasonsToCompile(Optional<CompileRecord> previous, String modelDigest, ModelFormat format,
                                         CompileSettings settings, Path mlf) throws IOException {
        if (previous.isEmpty()) {
            return List.of("no previous compile");
        }
        CompileRecord r = previous.get();
        List<String> reasons = new ArrayList<>();
        if (!modelDigest.equals(r.modelDigest())) {
            reasons.add("the model changed");
        }
        if (!format.tvmcName().equals(r.modelFormat())) {
            reasons.add("the model format changed from " + r.modelFormat());
        }
        if (!CompileRecord.settingsNode(settings).equals(r.settings())) {
            reasons.add("the compile settings changed");
        }
        if (!Files.isRegularFile(mlf)) {
            reasons.add("the MLF " + mlf.getFileName() + " is missing");
        } else if (!Digests.sha256(mlf).equals(r.mlfDigest())) {
            reasons.add("the MLF " + mlf.getFileName() + " was changed since it was compiled");
        }
        return reasons;
    }

    private void runTvmc(List<String> command, Request request) throws CompileException, IOException {
        log.debug("Running " + shellText(command));
        OptionalInt status;
        List<String> tail;
        try (ToolProcess tvmc = ToolProcess.start(command, request.workingDir(), request.environment(),
                line -> log.debug("[tvmc] " + line))) {
            status = tvmc.awaitExit(request.compileDeadline());
            if (status.isEmpty()) {
                tvmc.close();
            }
            tail = tvmc.outputTail();
        }
        if (status.isEmpty()) {
            throw new CompileException("tvmc compile did not finish within " + request.compileDeadline().toSeconds()
                    + " s (the timeout); killed it and everything it started. Command: "
                    + shellText(command) + lastLines(tail), null, Setting.TIMEOUT);
        }
        if (status.getAsInt() != 0) {
            throw new CompileException("tvmc compile failed (exit status " + status.getAsInt() + "). Command: "
                    + shellText(command) + lastLines(tail), null, null);
        }
    }

    private static void checkIsMlf(Path staged, List<String> command) throws CompileException {
        if (!Files.isRegularFile(staged)) {
            throw new CompileException("tvmc compile succeeded but wrote no MLF at " + staged + ". Command: "
                    + shellText(command), null, null);
        }
        try (InputStream in = Files.newInputStream(staged); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (name.equals("metadata.json")) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new CompileException("tvmc compile wrote " + staged.getFileName() + ", but it is not a tar archive ("
                    + e.getMessage() + "). Command: " + shellText(command), e, null);
        }
        throw new CompileException("tvmc compile wrote " + staged.getFileName() + ", but it holds no metadata.json:"
                + " not a Model Library Format archive. Command: " + shellText(command), null, null);
    }

    /** The command as a shell would need it typed: arguments with spaces or quotes in single quotes. */
    static String shellText(List<String> command) {
        List<String> words = new ArrayList<>();
        for (String arg : command) {
            words.add(arg.isEmpty() || !arg.matches("[A-Za-z0-9_@%+=:,./-]+") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return String.join(" ", words);
    }

    private static String lastLines(List<String> tail) {
        if (tail.isEmpty()) {
            return "\nIt wrote nothing.";
        }
        List<String> last = tail.subList(Math.max(0, tail.size() - TAIL_LINES_IN_ERRORS), tail.size());
        return "\nIts last output lines:\n  " + String.join("\n  ", last);
    }

    private static Path checkModel(Path model) throws CompileException {
        Path abs = model.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new CompileException("Model file " + abs + " does not exist.", null, Setting.MODEL);
        }
        if (!Files.isRegularFile(abs) || !Files.isReadable(abs)) {
            throw new CompileException("Model " + abs + " is not a readable file.", null, Setting.MODEL);
        }
        return abs;
    }
}
