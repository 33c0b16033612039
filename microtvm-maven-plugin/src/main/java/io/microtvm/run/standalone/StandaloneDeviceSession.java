package io.microtvm.run.standalone;

import io.microtvm.npz.DType;
import io.microtvm.run.DeviceException;
import io.microtvm.run.DeviceRun;
import io.microtvm.run.DeviceSession;
import io.microtvm.run.TensorSpec;
import io.microtvm.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** {@link DeviceSession} over the plugin's standalone protocol. */
public final class StandaloneDeviceSession implements DeviceSession {
    private final StandaloneSession session;
    private final Duration queryTimeout;
    private final Duration callTimeout;

    private StandaloneDeviceSession(StandaloneSession session, Duration queryTimeout, Duration callTimeout) {
        this.session = session;
        this.queryTimeout = queryTimeout;
        this.callTimeout = callTimeout;
    }

    /** Says HELLO within {@code queryTimeout}; later requests get {@code queryTimeout}, a run {@code callTimeout}. */
    public static StandaloneDeviceSession open(Transport transport, Duration queryTimeout, Duration callTimeout)
            throws DeviceException {
        try {
            return new StandaloneDeviceSession(StandaloneSession.open(transport, queryTimeout), queryTimeout,
                    callTimeout);
        } catch (SessionException e) {
            throw DeviceException.of(e);
        }
    }

    @Override
    public String modelId() {
        return session.info().modelId();
    }

    @Override
    public String timerName() {
        return session.info().timerName();
    }

    @Override
    public List<TensorSpec> inputs() {
        return specs(session.info().inputs());
    }

    @Override
    public List<TensorSpec> outputs() {
        return specs(session.info().outputs());
    }

    @Override
    public void setInput(int index, byte[] data) throws DeviceException {
        try {
            session.setInput(index, data, queryTimeout);
        } catch (SessionException e) {
            throw DeviceException.of(e);
        }
    }

    @Override
    public DeviceRun run() throws DeviceException {
        try {
            RunTiming timing = session.run(callTimeout);
            return new DeviceRun(OptionalDouble.of(timing.seconds()), timing.outputDigest());
        } catch (SessionException e) {
            throw DeviceException.of(e);
        }
    }

    @Override
    public byte[] getOutput(int index) throws DeviceException {
        try {
            return session.getOutput(index, queryTimeout);
        } catch (SessionException e) {
            throw DeviceException.of(e);
        }
    }

    private static List<TensorSpec> specs(List<TensorInfo> tensors) {
        return tensors.stream().map(t -> new TensorSpec(t.name(), DType.fromName(t.dtype()), t.shape(),
                t.shapeKnown(), t.sizeBytes())).toList();
    }
}
