package io.microtvm.run;

import io.microtvm.transport.DeviceException;
import java.util.List;

/**
 * What {@code run} needs from a device, whatever protocol carries it: the model's tensors, inputs
 * in (once), runs, outputs out. Implementations: the plugin's standalone protocol and microTVM's
 * host-driven RPC. Does not own the transport.
 */
public interface DeviceSession {

    /** What identifies the model the device holds, or null when the protocol cannot tell. */
    String modelId();

    /** The device timer behind {@link #run()}'s seconds, or why there is none. */
    String timerName();

    /** The model's inputs, in model order. */
    List<TensorSpec> inputs();

    /** The model's outputs, in model order. */
    List<TensorSpec> outputs();

    /** Sends the whole of input {@code index}. */
    void setInput(int index, byte[] data) throws DeviceException;

    /**
     * Runs the model once on the inputs the device holds (they stay there between runs): the seconds
     * the device measured, and its digest of the outputs where it reports one.
     */
    DeviceRun run() throws DeviceException;

    /** Reads the whole of output {@code index}. */
    byte[] getOutput(int index) throws DeviceException;
}
