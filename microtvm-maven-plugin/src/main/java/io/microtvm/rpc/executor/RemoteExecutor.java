package io.microtvm.rpc.executor;

import io.microtvm.transport.DeviceException;
import java.time.Duration;
import java.util.List;

/** A model executor living on the device, driven over RPC: inputs in, run, outputs out. */
public interface RemoteExecutor {

    /** The model's inputs in model order. */
    List<RemoteTensor> inputs();

    /** The model's outputs in model order. */
    List<RemoteTensor> outputs();

    /** Writes the whole of input {@code index}. */
    void setInput(int index, byte[] data) throws DeviceException;

    /** Runs the model once on the inputs in device memory, waiting at most {@code timeout}. */
    void run(Duration timeout) throws DeviceException;

    /**
     * Runs the model once, timed by the device's timer through {@code runtime.RPCTimeEvaluator};
     * the device's seconds.
     *
     * @throws MissingFunctionException the firmware has no time evaluator
     */
    double runTimed(Duration timeout) throws DeviceException;

    /** Reads the whole of output {@code index}. */
    byte[] getOutput(int index) throws DeviceException;

    /** "AOT" or "graph", for messages. */
    String kind();
}
