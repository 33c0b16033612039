package io.microtvm.rpc.executor;

import io.microtvm.rpc.client.BadPacketException;
import io.microtvm.rpc.client.DeviceAllocationException;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RemoteException;
import io.microtvm.rpc.client.RpcCode;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.transport.DeviceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph executor the way {@code tvmc run --device micro} drives a graph model
 * (docs/microtvm-rpc.md, "Graph models"): the graph JSON is interpreted here, on the host
 * ({@link GraphLayout} reads it, this class places it on the device). Every storage id gets one
 * device allocation ({@code DevAllocData}, sized for the largest tensor sharing it, rounded to 4
 * bytes as TVM's float32 pool does), parameters and inputs are copied into their entries, and a run
 * is one CallFunc per operator node with the node's input and output tensors as DLTensor arguments;
 * outputs are copied back from the graph's heads. No device-side executor exists, so the graph JSON
 * never has to fit an RPC packet.
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
            throws DeviceException {
        GraphLayout layout = GraphLayout.parse(graphJson);
        Map<String, byte[]> paramData;
        try {
            paramData = TvmParams.parse(params);
        } catch (BadPacketException e) {
            throw new DeviceException("Cannot read the model's graph or parameters: " + e.getMessage(), e);
        }
        Map<Integer, byte[]> paramEntries = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> p : paramData.entrySet()) {
            paramEntries.put(layout.argumentEntry("Parameter", p.getKey()), p.getValue());
        }
        List<Integer> inputEntries = new ArrayList<>();
        for (String name : inputNames) {
            inputEntries.add(layout.argumentEntry("Input", name));
        }
        return allocate(client, layout, paramEntries, inputNames, inputEntries);
    }

    /** The device half: one allocation per storage id, the parameters copied in, the operators looked up. */
    private static GraphExecutor allocate(MinRpcClient client, GraphLayout layout, Map<Integer, byte[]> paramEntries,
                                          List<String> inputNames, List<Integer> inputEntries)
            throws DeviceException {
        Map<Integer, Long> addresses = new HashMap<>();
        for (Map.Entry<Integer, Long> storage : layout.storageBytes().entrySet()) {
            addresses.put(storage.getKey(), allocate(client, storage.getValue()));
        }
        List<DlTensor> entries = new ArrayList<>();
        for (int e = 0; e < layout.entries().size(); e++) {
            DlTensor t = layout.entries().get(e);
            entries.add(new DlTensor(addresses.get(layout.storageIds().get(e)), 1, 0, t.dtypeCode(), t.dtypeBits(),
                    t.dtypeLanes(), t.shape(), 0));
        }
        for (Map.Entry<Integer, byte[]> p : paramEntries.entrySet()) {
            client.copyToRemote(entries.get(p.getKey()), p.getValue());
        }

        long syslib = ModuleFunctions.systemLib(client);
        ModuleFunctions library = ModuleFunctions.of(client, syslib, "system library");
        Map<String, Long> functions = new HashMap<>();
        for (String function : layout.functions()) {
            functions.put(function, library.require(function));
        }
        List<Op> ops = new ArrayList<>();
        for (GraphLayout.Operator op : layout.operators()) {
            ops.add(new Op(op.function(), functions.get(op.function()), op.entries(), op.flatten()));
        }

        List<RemoteTensor> inputs = new ArrayList<>();
        for (int i = 0; i < inputNames.size(); i++) {
            inputs.add(new RemoteTensor(inputNames.get(i), entries.get(inputEntries.get(i))));
        }
        List<RemoteTensor> outputs = new ArrayList<>();
        for (int e : layout.outputEntries()) {
            outputs.add(new RemoteTensor("output_" + outputs.size(), entries.get(e)));
        }
        return new GraphExecutor(client, syslib, List.copyOf(ops), List.copyOf(entries), List.copyOf(inputs),
                List.copyOf(outputs));
    }

    /** DevAllocData(cpu0, nbytes, 64, float32): what TVM's naive allocator asks for a pool entry. */
    private static long allocate(MinRpcClient client, long nbytes) throws DeviceException {
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
    public void setInput(int index, byte[] data) throws DeviceException {
        client.copyToRemote(inputs.get(index).tensor(), data);
    }

    /** One CallFunc per operator; {@code timeout} bounds each. */
    @Override
    public void run(Duration timeout) throws DeviceException {
        for (Op op : ops) {
            client.call(op.handle(), args(op), op.function() + "(...)", timeout);
        }
    }

    /**
     * The sum of the device's time for each operator, each measured by its own evaluator (the CRT
     * keeps only the latest one callable): every operator runs twice, warm-up and timed.
     */
    @Override
    public double runTimed(Duration timeout) throws DeviceException {
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
    public byte[] getOutput(int index) throws DeviceException {
        DlTensor t = outputs.get(index).tensor();
        return client.copyFromRemote(t, (int) t.sizeBytes());
    }

    @Override
    public String kind() {
        return "graph (host-side, as tvmc)";
    }
}
