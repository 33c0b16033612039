package io.microtvm.rpc.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.rpc.client.DlTensor;
import io.microtvm.transport.DeviceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** The graph-layout half of the graph executor, on the graph JSON of the IT fixtures' graph-executor exports. */
class GraphLayoutTest {
    static final Path FIXTURES = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize()
            .resolve("it/fixtures");

    @Test
    void sineHasOneEntryPerNodeAndTheOutputSharesAnIntermediateStorage() throws Exception {
        GraphLayout layout = GraphLayout.parse(graphOf("sine_graph.tar"));

        assertThat(layout.entries()).hasSize(10);
        assertThat(layout.entries().get(0)).isEqualTo(float32(1, 1));
        assertThat(layout.entries().get(4)).isEqualTo(float32(2, 16, 8));
        assertThat(layout.storageIds()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 3);
        // storage 3 holds [1,16] (64 bytes) and later the [1,1] output (4 bytes): the larger wins
        assertThat(layout.storageBytes()).containsExactly(
                Map.entry(0, 4L), Map.entry(1, 64L), Map.entry(2, 64L), Map.entry(3, 64L), Map.entry(4, 1024L),
                Map.entry(5, 64L), Map.entry(6, 64L), Map.entry(7, 64L), Map.entry(8, 4L));
        assertThat(layout.argumentEntries()).containsExactly(Map.entry("input", 0), Map.entry("p0", 1),
                Map.entry("p1", 2), Map.entry("p2", 4), Map.entry("p3", 5), Map.entry("p4", 7), Map.entry("p5", 8));
        assertThat(layout.operators()).containsExactly(
                new GraphLayout.Operator("tvmgen_default_fused_nn_contrib_dense_pack_add_nn_relu",
                        List.of(0, 1, 2, 3), false),
                new GraphLayout.Operator("tvmgen_default_fused_nn_contrib_dense_pack_add_nn_relu_1",
                        List.of(3, 4, 5, 6), false),
                new GraphLayout.Operator("tvmgen_default_fused_nn_contrib_dense_pack_add",
                        List.of(6, 7, 8, 9), false));
        assertThat(layout.outputEntries()).containsExactly(9);
    }

    @Test
    void integerTypesAndScalarsAreSizedByTheirBitsAndRoundedToFourBytes() throws Exception {
        GraphLayout layout = GraphLayout.parse(graphOf("mlp_int8_graph.tar"));

        assertThat(layout.entries().get(0)).isEqualTo(new DlTensor(0, 1, 0, 0, 8, 1, new long[] {1, 16}, 0));
        assertThat(layout.entries().get(1)).isEqualTo(new DlTensor(0, 1, 0, 0, 16, 1, new long[0], 0));
        // a 2-byte int16 scalar gets 4 bytes; storage 2 holds int16[1,16] (32 bytes) and the int8[1,4] output
        assertThat(layout.storageBytes()).containsEntry(1, 4L).containsEntry(2, 32L).containsEntry(8, 16L);
        assertThat(layout.storageBytes()).hasSize(9);
        assertThat(layout.outputEntries()).containsExactly(9);
        assertThat(layout.operators().get(1).entries()).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void twoInputsAndTwoOutputsInGraphOrder() throws Exception {
        GraphLayout layout = GraphLayout.parse(graphOf("two_io_graph.tar"));

        assertThat(layout.argumentEntry("Input", "a")).isZero();
        assertThat(layout.argumentEntry("Input", "b")).isEqualTo(1);
        assertThat(layout.outputEntries()).containsExactly(3, 5);
        // a float32 scalar and an int32 scalar share storage 2
        assertThat(layout.storageIds().get(2)).isEqualTo(layout.storageIds().get(4));
        assertThat(layout.storageBytes()).containsEntry(2, 4L);
    }

    @Test
    void functionsCalledMoreThanOnceAreLookedUpOnce() throws Exception {
        GraphLayout layout = GraphLayout.parse(graphOf("mlperf/kws_graph.tar"));

        assertThat(layout.operators()).hasSize(14);
        assertThat(layout.functions()).hasSize(9).doesNotHaveDuplicates()
                .startsWith(layout.operators().get(0).function());
        assertThat(layout.entries()).hasSize(65);
        assertThat(layout.storageBytes()).hasSize(56);
    }

    @Test
    void flattenNopAndSeveralOutputs() throws Exception {
        String graph = """
                {"nodes": [
                   {"op": "null", "name": "x", "inputs": []},
                   {"op": "tvm_op", "name": "split", "inputs": [[0, 0, 0]],
                    "attrs": {"func_name": "split", "num_outputs": "2", "flatten_data": "1"}},
                   {"op": "tvm_op", "name": "reshape", "inputs": [[1, 1, 0]],
                    "attrs": {"func_name": "__nop", "num_outputs": "1"}}],
                 "arg_nodes": [0], "heads": [[1, 0, 0], [1, 1, 0]], "node_row_ptr": [0, 1, 3, 4],
                 "attrs": {"shape": ["list_shape", [[2, 3], [3], [3], [3]]],
                           "dltype": ["list_str", ["float32", "float32", "float32", "float32"]],
                           "storage_id": ["list_int", [0, 1, 2, 2]]}}
                """;
        GraphLayout layout = GraphLayout.parse(graph);

        assertThat(layout.operators()).containsExactly(new GraphLayout.Operator("split", List.of(0, 1, 2), true));
        assertThat(layout.outputEntries()).containsExactly(1, 2);
    }

    @Test
    void unreadableOrIncompleteGraphsAndUnknownArgumentsAreNamed() throws Exception {
        assertThatThrownBy(() -> GraphLayout.parse("{nodes"))
                .isInstanceOf(DeviceException.class).hasMessageStartingWith("Cannot read the model's graph");
        assertThatThrownBy(() -> GraphLayout.parse("{\"nodes\": [], \"attrs\": {}}"))
                .isInstanceOf(DeviceException.class)
                .hasMessage("The model's graph lacks shape, dltype or storage_id attributes");
        String bool = """
                {"nodes": [{"op": "null", "name": "x", "inputs": []}], "arg_nodes": [0], "heads": [[0, 0, 0]],
                 "node_row_ptr": [0, 1], "attrs": {"shape": ["list_shape", [[1]]], "dltype": ["list_str", ["bool"]],
                 "storage_id": ["list_int", [0]]}}
                """;
        assertThatThrownBy(() -> GraphLayout.parse(bool)).isInstanceOf(DeviceException.class)
                .hasMessage("The model's graph has a tensor of type bool, which the host-driven run does not support");

        GraphLayout sine = GraphLayout.parse(graphOf("sine_graph.tar"));
        assertThatThrownBy(() -> sine.argumentEntry("Input", "serving_default_x:0"))
                .isInstanceOf(DeviceException.class)
                .hasMessage("Input serving_default_x:0 is not an argument of the model's graph");
    }

    private static DlTensor float32(long... shape) {
        return new DlTensor(0, 1, 0, 2, 32, 1, shape, 0);
    }

    /** The graph JSON inside a fixture MLF. */
    static String graphOf(String fixture) throws IOException {
        try (InputStream in = Files.newInputStream(FIXTURES.resolve(fixture));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().endsWith("executor-config/graph/default.graph")) {
                    return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException(fixture + " has no executor-config/graph/default.graph");
    }
}
