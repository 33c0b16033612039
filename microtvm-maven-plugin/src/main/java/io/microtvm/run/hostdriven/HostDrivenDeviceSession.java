package io.microtvm.run.hostdriven;

import io.microtvm.BuildLog;
import io.microtvm.npz.DType;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.executor.AotExecutor;
import io.microtvm.rpc.executor.GraphExecutor;
import io.microtvm.rpc.executor.MissingFunctionException;
import io.microtvm.rpc.executor.RemoteExecutor;
import io.microtvm.rpc.executor.RemoteTensor;
import io.microtvm.rpc.session.MicroSession;
import io.microtvm.rpc.session.SessionTimeouts;
import io.microtvm.run.DeviceRun;
import io.microtvm.run.DeviceSession;
import io.microtvm.run.TensorSpec;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.Transport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@link DeviceSession} over microTVM's host-driven RPC: a session with TVM's CRT RPC server, an
 * executor for the model (AOT on the device, or graph driven from the host as tvmc does), and the
 * device's timer through {@code runtime.RPCTimeEvaluator} when the firmware offers it. With the
 * timer, each run is the evaluator's (one untimed warm-up call, then one timed call); without it,
 * a plain run, and the timer name says why there is no device time. The CRT reports no digest of
 * the outputs, so a repeated run's outputs are compared on the host. Inputs and outputs move only
 * when {@link #setInput} and {@link #getOutput} are called: a run itself sends no tensor data. A firmware that logs what its
 * timer counts ({@link DeviceTimerNote}) has that added to the timer name.
 */
public final class HostDrivenDeviceSession implements DeviceSession {
    static final String TIMER_NAME = "TVMPlatformTimerStart/Stop via runtime.RPCTimeEvaluator";

    private final RemoteExecutor executor;
    private final DeviceTimerNote timerNote;
    private boolean timed = true;
    private String timerName = TIMER_NAME;
    private final BuildLog log;
    private final Duration callTimeout;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    private HostDrivenDeviceSession(RemoteExecutor executor, DeviceTimerNote timerNote, Duration callTimeout,
                                    BuildLog log) throws DeviceException {
        this.executor = executor;
        this.timerNote = timerNote;
        this.callTimeout = callTimeout;
        this.log = log;
        this.inputs = specs(executor.inputs());
        this.outputs = specs(executor.outputs());
    }

    /**
     * Opens the session and creates the model's executor on the device.
     *
     * @param queryTimeout the longest wait for an ordinary reply
     * @param callTimeout  the longest wait for a model run
     */
    public static HostDrivenDeviceSession open(Transport transport, SessionTimeouts timeouts, HostDrivenModel model,
                                               Duration queryTimeout, Duration callTimeout, BuildLog log)
            throws DeviceException {
        DeviceTimerNote timerNote = new DeviceTimerNote(log);
        MicroSession session = MicroSession.open(transport, timeouts, timerNote, new SecureRandom()::nextInt);
        MinRpcClient client = new MinRpcClient(session, queryTimeout);
        RemoteExecutor executor = model.executor().equals("graph")
                ? GraphExecutor.create(client, model.graphJson(), model.params(), model.inputNames())
                : AotExecutor.create(client, model.moduleName());
        log.debug("Host-driven session with " + transport.describe() + ": " + executor.kind() + " executor, inputs "
                + executor.inputs() + ", outputs " + executor.outputs());
        return new HostDrivenDeviceSession(executor, timerNote, callTimeout, log);
    }

    /** Host-driven devices do not report which model they hold. */
    @Override
    public String modelId() {
        return null;
    }

    @Override
    public String timerName() {
        String described = timerNote.description();
        return timed && described != null ? timerName + ": " + described : timerName;
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public void setInput(int index, byte[] data) throws DeviceException {
        TensorSpec spec = inputs.get(index);
        if (data.length != spec.sizeBytes()) {
            throw new IllegalArgumentException("Input " + index + " " + spec.describe() + " takes " + spec.sizeBytes()
                    + " bytes, not " + data.length);
        }
        executor.setInput(index, data);
    }

    @Override
    public DeviceRun run() throws DeviceException {
        if (timed) {
            try {
                return DeviceRun.withoutDigest(OptionalDouble.of(executor.runTimed(callTimeout)));
            } catch (MissingFunctionException e) {
                timed = false;
                timerName = "none: " + e.getMessage();
                log.warn("No device time for this run: " + e.getMessage());
            }
        }
        executor.run(callTimeout);
        return DeviceRun.withoutDigest(OptionalDouble.empty());
    }

    @Override
    public byte[] getOutput(int index) throws DeviceException {
        return executor.getOutput(index);
    }

    private static List<TensorSpec> specs(List<RemoteTensor> tensors) throws DeviceException {
        try {
            return tensors.stream().map(HostDrivenDeviceSession::spec).toList();
        } catch (IllegalArgumentException e) {
            throw new DeviceException(e.getMessage(), e);
        }
    }

    private static TensorSpec spec(RemoteTensor t) {
        DlTensor d = t.tensor();
        String dtype = d.dtypeName();
        if (dtype == null) {
            throw new IllegalArgumentException("Tensor " + t.name() + " has a type numpy cannot hold: " + d);
        }
        return new TensorSpec(t.name(), DType.fromName(dtype), d.shape(), true, d.sizeBytes());
    }
}
