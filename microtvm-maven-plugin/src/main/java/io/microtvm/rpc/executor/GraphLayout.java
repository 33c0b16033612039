package io.microtvm.rpc.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.transport.DeviceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a graph executor model needs on the device, read from TVM's graph JSON (an MLF's
 * executor-config/graph/NAME.graph; see docs/mlf.md, "The graph JSON"), without touching a device:
 * one tensor per graph entry (shape and dtype, no address yet), the storage id each entry lives in and
 * how many bytes each storage needs, the operator calls in graph order, which entry each graph argument
 * (input or parameter) is, and which entries are the outputs.
 *
 * @param entries         every graph entry's tensor, its data address 0 until {@link GraphExecutor} places it
 * @param storageIds      the storage id of each entry
 * @param storageBytes    bytes per storage id, in id order: the largest entry sharing it, rounded up to 4 bytes
 *                        as TVM's float32 pool does
 * @param operators       the {@code tvm_op} nodes in graph order ({@code __nop} left out)
 * @param argumentEntries name of each argument node (inputs and parameters) to its entry
 * @param outputEntries   the graph's heads, as entries, in output order
 */
public record GraphLayout(List<DlTensor> entries, List<Integer> storageIds, SortedMap<Integer, Long> storageBytes,
                          List<Operator> operators, Map<String, Integer> argumentEntries,
                          List<Integer> outputEntries) {

    /**
     * One operator call.
     *
     * @param function the system library function the node calls
     * @param entries  its input entries, then its output entries
     * @param flatten  {@code flatten_data}: the operator sees its tensors as 1-D, as TVM's graph executor passes them
     */
    public record Operator(String function, List<Integer> entries, boolean flatten) {
    }

    private static final Pattern DTYPE = Pattern.compile("(int|uint|float)(\\d+)");

    /** Reads the graph JSON; fails on JSON it cannot read, missing attributes or a dtype the host-driven run lacks. */
    public static GraphLayout parse(String graphJson) throws DeviceException {
        JsonNode graph;
        try {
            graph = new ObjectMapper().readTree(graphJson);
        } catch (IOException e) {
            throw new DeviceException("Cannot read the model's graph or parameters: " + e.getMessage(), e);
        }
        JsonNode nodes = graph.path("nodes");
        JsonNode rowPtr = graph.path("node_row_ptr");
        JsonNode shapes = graph.path("attrs").path("shape").path(1);
        JsonNode dtypes = graph.path("attrs").path("dltype").path(1);
        JsonNode storage = graph.path("attrs").path("storage_id").path(1);
        int entryCount = shapes.size();
        if (entryCount == 0 || dtypes.size() != entryCount || storage.size() != entryCount) {
            throw new DeviceException("The model's graph lacks shape, dltype or storage_id attributes");
        }

        List<DlTensor> entries = new ArrayList<>();
        List<Integer> storageIds = new ArrayList<>();
        SortedMap<Integer, Long> largest = new TreeMap<>();
        for (int e = 0; e < entryCount; e++) {
            DlTensor t = tensorOf(shapes.get(e), dtypes.get(e).asText());
            int id = storage.get(e).asInt();
            entries.add(t);
            storageIds.add(id);
            largest.merge(id, t.sizeBytes(), Math::max);
        }
        SortedMap<Integer, Long> storageBytes = new TreeMap<>();
        largest.forEach((id, bytes) -> storageBytes.put(id, (bytes + 3) / 4 * 4));

        Map<String, Integer> argumentEntries = new LinkedHashMap<>();
        for (JsonNode arg : graph.path("arg_nodes")) {
            argumentEntries.put(nodes.path(arg.asInt()).path("name").asText(), rowPtr.path(arg.asInt()).asInt());
        }

        List<Operator> operators = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            JsonNode node = nodes.get(n);
            String function = node.path("attrs").path("func_name").asText("");
            if (!node.path("op").asText().equals("tvm_op") || function.isEmpty() || function.equals("__nop")) {
                continue;
            }
            List<Integer> args = new ArrayList<>();
            for (JsonNode in : node.path("inputs")) {
                args.add(rowPtr.path(in.path(0).asInt()).asInt() + in.path(1).asInt());
            }
            int outputs = node.path("attrs").path("num_outputs").asInt(1);
            for (int o = 0; o < outputs; o++) {
                args.add(rowPtr.path(n).asInt() + o);
            }
            boolean flatten = node.path("attrs").path("flatten_data").asText("0").equals("1");
            operators.add(new Operator(function, List.copyOf(args), flatten));
        }

        List<Integer> outputEntries = new ArrayList<>();
        for (JsonNode head : graph.path("heads")) {
            outputEntries.add(rowPtr.path(head.path(0).asInt()).asInt() + head.path(1).asInt());
        }
        return new GraphLayout(List.copyOf(entries), List.copyOf(storageIds),
                Collections.unmodifiableSortedMap(storageBytes), List.copyOf(operators),
                Collections.unmodifiableMap(argumentEntries), List.copyOf(outputEntries));
    }

    /** The entry of the graph argument (input or parameter) {@code name}; {@code what} names it in the error. */
    public int argumentEntry(String what, String name) throws DeviceException {
        Integer e = argumentEntries.get(name);
        if (e == null) {
            throw new DeviceException(what + " " + name + " is not an argument of the model's graph");
        }
        return e;
    }

    /** The distinct function names the operators call, in first-use order. */
    public List<String> functions() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        operators.forEach(op -> seen.put(op.function(), true));
        return List.copyOf(seen.keySet());
    }

    private static DlTensor tensorOf(JsonNode shape, String dtype) throws DeviceException {
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong();
        }
        Matcher m = DTYPE.matcher(dtype);
        if (!m.matches()) {
            throw new DeviceException("The model's graph has a tensor of type " + dtype
                    + ", which the host-driven run does not support");
        }
        int code = switch (m.group(1)) {
            case "int" -> 0;
            case "uint" -> 1;
            default -> 2;
        };
        return new DlTensor(0, 1, 0, code, Integer.parseInt(m.group(2)), 1, dims, 0);
    }
}
