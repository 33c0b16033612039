package io.microtvm.run.hostdriven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the host needs to drive a model over RPC, read from the MLF a host-driven project keeps
 * extracted in {@code model/} (the plugin's host template and TVM's templates both do): the
 * module name, the executor, and for the graph executor the graph JSON, the parameters and the
 * inputs in graph order (docs/mlf.md, "metadata.json" and "The graph JSON"). Shapes and dtypes come
 * from the device itself.
 *
 * @param moduleName the MLF module name, e.g. {@code default}
 * @param executor   {@code aot} or {@code graph}
 * @param graphJson  the graph (graph executor only, else null)
 * @param params     the parameters blob (graph executor; empty when the MLF has none)
 * @param inputNames the inputs in the graph's argument order (graph executor; empty for AOT, whose device names them)
 */
public record HostDrivenModel(String moduleName, String executor, String graphJson, byte[] params,
                              List<String> inputNames) {
    static final String MODEL_DIR = "model";

    public static HostDrivenModel read(Path projectDir) throws MicroTvmException {
        Path model = projectDir.resolve(MODEL_DIR);
        Path metadataFile = model.resolve("metadata.json");
        if (!Files.isRegularFile(metadataFile)) {
            throw new MicroTvmException(Fault.CONFIGURATION, "No " + metadataFile
                    + ": a host-driven run reads the model's MLF extracted"
                    + " under model/ in the project (as the host template and TVM's templates leave it). Re-create"
                    + " the project.");
        }
        ObjectMapper mapper = new ObjectMapper();
        try {
            JsonNode modules = mapper.readTree(metadataFile.toFile()).path("modules");
            if (!modules.isObject() || modules.size() != 1) {
                throw new MicroTvmException(Fault.CONFIGURATION, metadataFile + " must describe exactly one module");
            }
            Map.Entry<String, JsonNode> module = modules.fields().next();
            String name = module.getKey();
            String executor = module.getValue().path("executors").path(0).asText("");
            if (executor.equals("aot")) {
                return new HostDrivenModel(name, executor, null, new byte[0], List.of());
            }
            if (!executor.equals("graph")) {
                throw new MicroTvmException(Fault.CONFIGURATION, metadataFile + " names executor '" + executor
                        + "'; host-driven runs"
                        + " support aot and graph");
            }
            Path graphFile = model.resolve("executor-config/graph/" + name + ".graph");
            Path paramsFile = model.resolve("parameters/" + name + ".params");
            String graph = Files.readString(graphFile, StandardCharsets.UTF_8);
            byte[] params = Files.isRegularFile(paramsFile) ? Files.readAllBytes(paramsFile) : new byte[0];
            return new HostDrivenModel(name, executor, graph, params,
                    graphInputs(mapper.readTree(graph), mainInputs(module.getValue()), graphFile));
        } catch (IOException e) {
            throw new MicroTvmException(Fault.CONFIGURATION, "Cannot read the model of " + projectDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** metadata.json's input names of the main function (its map is in name order). */
    private static List<String> mainInputs(JsonNode module) {
        List<String> names = new ArrayList<>();
        for (JsonNode main : module.path("memory").path("functions").path("main")) {
            if (main.path("device").asInt(1) == 1) {
                for (Iterator<String> it = main.path("inputs").fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                break;
            }
        }
        return names;
    }

    /** The model inputs in the graph's argument order (parameters are arguments too, and are skipped). */
    private static List<String> graphInputs(JsonNode graph, List<String> inputs, Path graphFile)
            throws MicroTvmException {
        List<String> ordered = new ArrayList<>();
        for (JsonNode arg : graph.path("arg_nodes")) {
            String name = graph.path("nodes").path(arg.asInt()).path("name").asText();
            if (inputs.contains(name)) {
                ordered.add(name);
            }
        }
        if (ordered.size() != inputs.size()) {
            throw new MicroTvmException(Fault.CONFIGURATION, graphFile + " does not take the inputs " + inputs
                    + " of metadata.json");
        }
        return List.copyOf(ordered);
    }
}
