package io.microtvm.run;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ModelArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The run protocol a model was compiled for, read from its MLF, for projects whose template has no
 * {@code project_type} (TVM's crt template): the graph executor, and the AOT executor with the packed
 * API and a system library, are driven from the host over microTVM RPC; the AOT executor with the C
 * interface ({@code codegen/host/include/tvmgen_<mod>.h}) is called by the firmware itself
 * (docs/mlf.md, "Which protocol an archive asks for").
 *
 * @param protocol STANDALONE or HOST_DRIVEN
 * @param reason   what in the MLF decided it, for the log
 */
public record ProtocolFromModel(RunProtocol protocol, String reason) {

    /** Where generated projects keep their copy of the MLF: TVM's crt and zephyr templates, then arduino's. */
    static final List<String> PROJECT_COPIES = List.of("model.tar", "src/model/model.tar");

    /** Decides from the project's copy of its MLF, else the MLF its record names. */
    public static ProtocolFromModel of(GeneratedProject project) throws MicroTvmException {
        Path mlf = PROJECT_COPIES.stream().map(project.dir()::resolve).filter(Files::isRegularFile).findFirst()
                .orElse(project.record().modelLibraryFormat() == null ? null
                        : Path.of(project.record().modelLibraryFormat()));
        if (mlf == null || !Files.isRegularFile(mlf)) {
            throw MicroTvmException.badSetting(Setting.PROTOCOL, project.dir() + " has no project_type and no MLF to"
                    + " tell its protocol from (looked for " + String.join(", ", PROJECT_COPIES) + " and " + mlf
                    + "): say what its firmware speaks (standalone or host-driven).");
        }
        ModelArchive archive;
        try {
            archive = ModelArchive.read(mlf);
        } catch (MicroTvmException e) {
            if (!(e.getCause() instanceof IOException unreadable)) {
                throw e;
            }
            throw MicroTvmException.badSetting(Setting.PROTOCOL, "Cannot read " + mlf + " to tell the run protocol"
                    + " from it: " + unreadable.getMessage() + "; say what its firmware speaks (standalone or"
                    + " host-driven).", e);
        }
        return of(archive);
    }

    /** Decides from the archive's executor and generated code. */
    public static ProtocolFromModel of(ModelArchive archive) throws MicroTvmException {
        var module = archive.module().orElseThrow(() -> MicroTvmException.badSetting(Setting.PROTOCOL, archive.path()
                + ": metadata.json describes no single module, so the run protocol cannot be told from it"));
        String name = module.getKey();
        String executor = module.getValue().path("executors").path(0).asText("");
        String mlf = archive.path().toString();
        if (executor.equals("graph")) {
            return new ProtocolFromModel(RunProtocol.HOST_DRIVEN, mlf + " uses the graph executor, which runs driven"
                    + " from the host");
        }
        if (!executor.equals("aot")) {
            throw MicroTvmException.badSetting(Setting.PROTOCOL, archive.path() + " names the executor '" + executor
                    + "', neither aot nor graph: say what its firmware speaks (standalone or host-driven)");
        }
        Map<String, String> code = archive.codeTexts();
        String header = "codegen/host/include/tvmgen_" + name.toLowerCase(java.util.Locale.ROOT) + ".h";
        if (code.containsKey(header)) {
            return new ProtocolFromModel(RunProtocol.STANDALONE, mlf + " uses the AOT executor with the C interface"
                    + " (" + header + "), which the firmware calls itself");
        }
        boolean systemLib = code.values().stream().anyMatch(t -> t.contains("TVMSystemLibEntryPoint"));
        if (systemLib) {
            return new ProtocolFromModel(RunProtocol.HOST_DRIVEN, mlf + " uses the AOT executor with the packed API"
                    + " and a system library, which runs driven from the host");
        }
        throw MicroTvmException.badSetting(Setting.PROTOCOL, archive.path() + " uses the AOT executor with the packed"
                + " API but without a system library, which neither protocol can run, unless its firmware says"
                + " otherwise");
    }
}
