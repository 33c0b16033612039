package io.microtvm.rpc.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.rpc.client.BadPacketException;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.rpc.client.DeviceAllocationException;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RemoteException;
import io.microtvm.rpc.client.RpcCode;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.rpc.session.MicroSessionException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph executor the way {@code tvmc run --device micro} drives a graph model (spec §3.11
 * item 1): the graph JSON is interpreted here, on the host. Every storage id gets one device
 * allocation ({@code DevAllocData}, sized for the largest tensor sharing it, rounded to 4 bytes
 * as TVM's float32 pool does), parameters and inputs are copied into their entries, and a run
 * is one CallFunc per operator node with the node's input and output tensors as DLTensor
 * arguments; outputs are copied back from the graph's heads. No device-side executor exists,
 * so the graph JSON never has to fit an RPC packet.
 */
public final class GraphExecutor implements RemoteExecutor {
    private record Op(String function, long handle, List<Integer> entries, boolean flatten) {
    }

    private final MinRpcClient client;
    private final long syslib;
    private final List<Op> ops;
    private final List<DlTensor> entries;
    private final List<RemoteTensor> inputs;
    private final List<RemoteTensor> outputs;

    private GraphExecutor(MinRpcClient client, long syslib, List<Op> ops, List<DlTensor> entries,
                          List<RemoteTensor> inputs, List<RemoteTensor> outputs) {
        this.client = client;
        this.syslib = syslib;
        this.ops = ops;
        this.entries = entries;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Allocates the graph's storage on the device, loads the parameters and looks up the operators.
     *
     * @param graphJson  the MLF's executor-config/graph/NAME.graph
     * @param params     the MLF's parameters/NAME.params (may be empty)
     * @param inputNames the model's inputs in model order
     */
    public static GraphExecutor create(MinRpcClient client, String graphJson, byte[] params, List<String> inputNames)
            throws MicroSessionException {
        JsonNode graph;
        Map<String, byte[]> paramData;
        try {
            graph = new ObjectMapper().readTree(graphJson);
            paramData = TvmParams.parse(params);
        } catch (IOException | BadPacketException e) {
            throw new MicroSessionException("Cannot read the model's graph or parameters: " + e.getMessage(), e);
        }
        JsonNode nodes = graph.path("nodes");
        JsonNode rowPtr = graph.path("node_row_ptr");
        JsonNode shapes = graph.path("attrs").path("shape").path(1);
        JsonNode dtypes = graph.path("attrs").path("dltype").path(1);
        JsonNode storage = graph.path("attrs").path("storage_id").path(1);
        int entryCount = shapes.size();
        if (entryCount == 0 || dtypes.size() != entryCount || storage.size() != entryCount) {
            throw new MicroSessionException("The model's graph lacks shape, dltype or storage_id attributes");
        }

        // one allocation per storage id, as large as the largest entry sharing it
        Map<Integer, Long> poolBytes = new HashMap<>();
        List<DlTensor> templates = new ArrayList<>();
        for (int e = 0; e < entryCount; e++) {
            DlTensor t = tensorOf(shapes.get(e), dtypes.get(e).asText(), 0);
            templates.add(t);
            poolBytes.merge(storage.get(e).asInt(), t.sizeBytes(), Math::max);
        }
        Map<Integer, Long> pool = new HashMap<>();
        for (Map.Entry<Integer, Long> p : poolBytes.entrySet()) {
            long nbytes = (p.getValue() + 3) / 4 * 4;
            pool.put(p.getKey(), allocate(client, nbytes));
        }
        List<DlTensor> entries = new ArrayList<>();
        for (int e = 0; e < entryCount; e++) {
            DlTensor t = templates.get(e);
            entries.add(new DlTensor(pool.get(storage.get(e).asInt()), 1, 0, t.dtypeCode(), t.dtypeBits(),
                    t.dtypeLanes(), t.shape(), 0));
        }

        Map<String, Integer> argEntries = new HashMap<>();
        for (JsonNode arg : graph.path("arg_nodes")) {
            argEntries.put(nodes.path(arg.asInt()).path("name").asText(), rowPtr.path(arg.asInt()).asInt());
        }
        for (Map.Entry<String, byte[]> p : paramData.entrySet()) {
            Integer e = argEntries.get(p.getKey());
            if (e == null) {
                throw new MicroSessionException("Parameter " + p.getKey() + " is not an argument of the model's graph");
            }
            client.copyToRemote(entries.get(e), p.getValue());
        }

        long syslib = ModuleFunctions.systemLib(client);
        ModuleFunctions library = ModuleFunctions.of(client, syslib, "system library");
        Map<String, Long> functions = new HashMap<>();
        List<Op> ops = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            JsonNode node = nodes.get(n);
            String function = node.path("attrs").path("func_name").asText("");
            if (!node.path("op").asText().equals("tvm_op") || function.isEmpty() || function.equals("__nop")) {
                continue;
            }
            Long handle = functions.get(function);
            if (handle == null) {
                handle = library.require(function);
                functions.put(function, handle);
            }
            List<Integer> args = new ArrayList<>();
            for (JsonNode in : node.path("inputs")) {
                args.add(rowPtr.path(in.path(0).asInt()).asInt() + in.path(1).asInt());
            }
            int outputs = node.path("attrs").path("num_outputs").asInt(1);
            for (int o = 0; o < outputs; o++) {
                args.add(rowPtr.path(n).asInt() + o);
            }
            // flatten_data: the operator sees its tensors as 1-D, as TVM's graph executor passes them
            boolean flatten = node.path("attrs").path("flatten_data").asText("0").equals("1");
            ops.add(new Op(function, handle, args, flatten));
        }

        List<RemoteTensor> inputs = new ArrayList<>();
        for (String name : inputNames) {
            Integer e = argEntries.get(name);
            if (e == null) {
                throw new MicroSessionException("Input " + name + " is not an argument of the model's graph");
            }
            inputs.add(new RemoteTensor(name, entries.get(e)));
        }
        List<RemoteTensor> outputs = new ArrayList<>();
        for (JsonNode head : graph.path("heads")) {
            int e = rowPtr.path(head.path(0).asInt()).asInt() + head.path(1).asInt();
            outputs.add(new RemoteTensor("output_" + outputs.size(), entries.get(e)));
        }
        return new GraphExecutor(client, syslib, List.copyOf(ops), List.copyOf(entries), List.copyOf(inputs),
                List.copyOf(outputs));
    }

    private static DlTensor tensorOf(JsonNode shape, String dtype, long data) throws MicroSessionException {
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(int|uint|float)(\\d+)").matcher(dtype);
        if (!m.matches()) {
            throw new MicroSessionException("The model's graph has a tensor of type " + dtype
                    + ", which the host-driven run does not support");
        }
        int code = switch (m.group(1)) {
            case "int" -> 0;
            case "uint" -> 1;
            default -> 2;
        };
        return new DlTensor(data, 1, 0, code, Integer.parseInt(m.group(2)), 1, dims, 0);
    }

    /** DevAllocData(cpu0, nbytes, 64, float32): what TVM's naive allocator asks for a pool entry. */
    private static long allocate(MinRpcClient client, long nbytes) throws MicroSessionException {
        long float32 = 2 | (32 << 8) | (1 << 16);
        try {
            return client.syscall(RpcCode.DEV_ALLOC_DATA, List.of(RpcValue.ofDevice(1, 0), RpcValue.ofInt(nbytes),
                    RpcValue.ofInt(64), RpcValue.ofDataType(float32)), "DevAllocData(" + nbytes + " bytes)").asLong();
        } catch (RemoteException refused) {
            throw new DeviceAllocationException(nbytes, refused);
        }
    }

    @Override
    public List<RemoteTensor> inputs() {
        return inputs;
    }

    @Override
    public List<RemoteTensor> outputs() {
        return outputs;
    }

    @Override
    public void setInput(int index, byte[] data) throws MicroSessionException {
        client.copyToRemote(inputs.get(index).tensor(), data);
    }

    /** One CallFunc per operator; {@code timeout} bounds each. */
    @Override
    public void run(Duration timeout) throws MicroSessionException {
        for (Op op : ops) {
            client.call(op.handle(), args(op), op.function() + "(...)", timeout);
        }
    }

    /**
     * The sum of the device's time for each operator, each measured by its own evaluator (the CRT
     * keeps only the latest one callable): every operator runs twice, warm-up and timed.
     */
    @Override
    public double runTimed(Duration timeout) throws MicroSessionException {
        double seconds = 0;
        for (Op op : ops) {
            seconds += TimeEvaluator.create(client, syslib, op.function()).measure(args(op), timeout);
        }
        return seconds;
    }

    private List<RpcValue> args(Op op) {
        List<RpcValue> args = new ArrayList<>();
        for (int e : op.entries()) {
            DlTensor t = entries.get(e);
            if (op.flatten()) {
                long elements = java.util.Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b);
                t = new DlTensor(t.data(), t.deviceType(), t.deviceId(), t.dtypeCode(), t.dtypeBits(), t.dtypeLanes(),
                        new long[] {elements}, t.byteOffset());
            }
            args.add(RpcValue.ofTensor(t));
        }
        return args;
    }

    @Override
    public byte[] getOutput(int index) throws MicroSessionException {
        DlTensor t = outputs.get(index).tensor();
        return client.copyFromRemote(t, (int) t.sizeBytes());
    }

    @Override
    public String kind() {
        return "graph (host-side, as tvmc)";
    }
}
