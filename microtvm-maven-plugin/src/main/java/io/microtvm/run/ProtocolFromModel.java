package io.microtvm.run;

import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ModelArchive;
import io.microtvm.project.ProjectException;
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
    public static ProtocolFromModel of(GeneratedProject project) throws ProjectException {
        Path mlf = PROJECT_COPIES.stream().map(project.dir()::resolve).filter(Files::isRegularFile).findFirst()
                .orElse(project.record().modelLibraryFormat() == null ? null
                        : Path.of(project.record().modelLibraryFormat()));
        if (mlf == null || !Files.isRegularFile(mlf)) {
            throw new ProjectException(project.dir() + " has no project_type and no MLF to tell its protocol from"
                    + " (looked for " + String.join(", ", PROJECT_COPIES) + " and " + mlf + "). Set microtvm.protocol"
                    + " (standalone or host-driven) to say what its firmware speaks.");
        }
        try {
            return of(ModelArchive.read(mlf));
        } catch (IOException e) {
            throw new ProjectException("Cannot read " + mlf + " to tell the run protocol from it: " + e.getMessage()
                    + ". Set microtvm.protocol (standalone or host-driven).", e);
        }
    }

    /** Decides from the archive's executor and generated code. */
    public static ProtocolFromModel of(ModelArchive archive) throws ProjectException {
        var module = archive.module().orElseThrow(() -> new ProjectException(archive.path() + ": metadata.json"
                + " describes no single module, so the run protocol cannot be told from it; set microtvm.protocol"));
        String name = module.getKey();
        String executor = module.getValue().path("executors").path(0).asText("");
        String mlf = archive.path().toString();
        if (executor.equals("graph")) {
            return new ProtocolFromModel(RunProtocol.HOST_DRIVEN, mlf + " uses the graph executor, which runs driven"
                    + " from the host");
        }
        if (!executor.equals("aot")) {
            throw new ProjectException(archive.path() + " names the executor '" + executor + "', neither aot nor"
                    + " graph; set microtvm.protocol (standalone or host-driven)");
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
        throw new ProjectException(archive.path() + " uses the AOT executor with the packed API but without a system"
                + " library, which neither protocol can run; set microtvm.protocol if its firmware says otherwise");
    }
}
