package io.microtvm.rpc.executor;

import io.microtvm.rpc.client.CallResult;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RemoteException;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.rpc.client.TypeCode;
import io.microtvm.transport.DeviceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CRT's AOT executor (docs/microtvm-rpc.md, "The AOT executor"): created on the device with
 * {@code tvm.aot_executor.create(SystemLib, cpu0, module_name)}, which allocates one tensor per
 * input and output; inputs are written by copying into the tensor {@code get_input} returns
 * ({@code set_input} is not implemented on the CRT). The device allows one per boot.
 */
public final class AotExecutor implements RemoteExecutor {
    private final MinRpcClient client;
    private final long module;
    private final long run;
    private final List<RemoteTensor> inputs;
    private final List<RemoteTensor> outputs;
    private TimeEvaluator timer;

    private AotExecutor(MinRpcClient client, long module, long run, List<RemoteTensor> inputs,
                        List<RemoteTensor> outputs) {
        this.client = client;
        this.module = module;
        this.run = run;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * @param moduleName the MLF's module name ({@code default} for tvmc); a wrong one crashes the
     *                   device, so it must come from the model's metadata
     */
    public static AotExecutor create(MinRpcClient client, String moduleName) throws DeviceException {
        long create = ModuleFunctions.requireGlobal(client, "tvm.aot_executor.create");
        long syslib = ModuleFunctions.systemLib(client);
        long module;
        try {
            module = client.call(create, List.of(RpcValue.ofModule(syslib), RpcValue.ofDevice(1, 0),
                    RpcValue.ofStr(moduleName)), "tvm.aot_executor.create(" + moduleName + ")").value().asLong();
        } catch (RemoteException e) {
            // the CRT's message is usually empty here; the likely cause is not
            throw new RemoteException(e.getMessage() + ". The CRT creates one AOT executor per boot: if this device"
                    + " ran a model since it was last reset, reset it (power-cycle or flash again) and run again.");
        }
        ModuleFunctions f = ModuleFunctions.of(client, module, "AOT executor");
        long getInput = f.require("get_input");
        long getOutput = f.require("get_output");
        Optional<Long> getInputName = f.find("get_input_name"); // absent before TVM 0.12
        int numInputs = (int) client.call(f.require("get_num_inputs"), List.of(), "get_num_inputs()").value().asLong();
        int numOutputs = (int) client.call(f.require("get_num_outputs"), List.of(), "get_num_outputs()").value()
                .asLong();
        List<RemoteTensor> inputs = new ArrayList<>();
        for (int i = 0; i < numInputs; i++) {
            String name = getInputName.isPresent()
                    ? client.call(getInputName.get(), List.of(RpcValue.ofInt(i)), "get_input_name(" + i + ")").value()
                    .asString() : "input_" + i;
            inputs.add(new RemoteTensor(name, tensor(client, getInput, i, "get_input")));
        }
        List<RemoteTensor> outputs = new ArrayList<>();
        for (int i = 0; i < numOutputs; i++) {
            outputs.add(new RemoteTensor("output_" + i, tensor(client, getOutput, i, "get_output")));
        }
        return new AotExecutor(client, module, f.require("run"), List.copyOf(inputs), List.copyOf(outputs));
    }

    /** The tensor an NDArray-returning getter gives for index {@code i}; its handle is released at once. */
    static DlTensor tensor(MinRpcClient client, long getter, int i, String name) throws DeviceException {
        CallResult r = client.call(getter, List.of(RpcValue.ofInt(i)), name + "(" + i + ")");
        return release(client, r, name + "(" + i + ")");
    }

    static DlTensor release(MinRpcClient client, CallResult r, String what) throws DeviceException {
        if (r.returnType() != TypeCode.NDARRAY) {
            throw new DeviceException(what + " returned type " + r.returnType() + ", not a tensor");
        }
        // the executor keeps its tensors for its whole life, so their addresses stay valid
        client.freeHandle(r.values().get(1).asLong(), TypeCode.NDARRAY);
        return r.tensor();
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

    @Override
    public void run(Duration timeout) throws DeviceException {
        client.call(run, List.of(), "run()", timeout);
    }

    /** The executor's {@code run} under one evaluator, made on first use (the CRT keeps only the latest). */
    @Override
    public double runTimed(Duration timeout) throws DeviceException {
        if (timer == null) {
            timer = TimeEvaluator.create(client, module, "run");
        }
        return timer.measure(List.of(), timeout);
    }

    @Override
    public byte[] getOutput(int index) throws DeviceException {
        DlTensor t = outputs.get(index).tensor();
        return client.copyFromRemote(t, (int) t.sizeBytes());
    }

    @Override
    public String kind() {
        return "AOT";
    }
}
