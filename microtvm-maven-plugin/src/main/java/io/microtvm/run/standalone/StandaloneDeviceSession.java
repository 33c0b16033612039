package io.microtvm.run.standalone;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.Setting;
import io.microtvm.SettingNames;
import io.microtvm.npz.DType;
import io.microtvm.run.DeviceRun;
import io.microtvm.run.DeviceSession;
import io.microtvm.run.TensorSpec;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link DeviceSession} over the plugin's standalone protocol. Tensors at or above the {@link HostFileThreshold}
 * travel through files on the device's host (LOAD_INPUT, SAVE_OUTPUT) when the firmware offers that and the
 * transport is the template's own; every other tensor, and every tensor of a device reached over the user's
 * link, travels over the transport in chunks. The model runs the same either way.
 */
public final class StandaloneDeviceSession implements DeviceSession {
    private final StandaloneSession session;
    private final Duration queryTimeout;
    private final Duration callTimeout;
    private final HostFileTransfers hostFiles;
    private final Set<Integer> inputsByFile;
    private final Set<Integer> outputsByFile;

    private StandaloneDeviceSession(StandaloneSession session, Duration queryTimeout, Duration callTimeout,
                                    HostFileTransfers hostFiles, Set<Integer> inputsByFile,
                                    Set<Integer> outputsByFile) {
        this.session = session;
        this.queryTimeout = queryTimeout;
        this.callTimeout = callTimeout;
        this.hostFiles = hostFiles;
        this.inputsByFile = inputsByFile;
        this.outputsByFile = outputsByFile;
    }

    /** Says HELLO within {@code queryTimeout}; later requests get {@code queryTimeout}, a run {@code callTimeout}. */
    public static StandaloneDeviceSession open(Transport transport, Duration queryTimeout, Duration callTimeout)
            throws DeviceException {
        return open(transport, queryTimeout, callTimeout, HostFileThreshold.NEVER, TransportOrigin.USER_LINK,
                BuildLog.NONE);
    }

    /**
     * {@link #open(Transport, Duration, Duration)}, choosing which tensors go through host files: those of
     * at least {@code threshold} bytes, where the device offers host files and {@code origin} is the template.
     * Logs the choice once.
     */
    public static StandaloneDeviceSession open(Transport transport, Duration queryTimeout, Duration callTimeout,
                                               HostFileThreshold threshold, TransportOrigin origin, BuildLog log)
            throws DeviceException {
        return open(transport, queryTimeout, callTimeout, threshold, origin, log,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #open(Transport, Duration, Duration, HostFileThreshold, TransportOrigin, BuildLog)} with host files'
     * temp dirs under {@code tempRoot}. */
    static StandaloneDeviceSession open(Transport transport, Duration queryTimeout, Duration callTimeout,
                                        HostFileThreshold threshold, TransportOrigin origin, BuildLog log,
                                        Path tempRoot) throws DeviceException {
        StandaloneSession session = StandaloneSession.open(transport, queryTimeout);
        HostFileTransfers hostFiles = new HostFileTransfers(tempRoot);
        DeviceInfo info = session.info();
        Set<Integer> inputs = covered(info.inputs(), threshold);
        Set<Integer> outputs = covered(info.outputs(), threshold);
        if (!inputs.isEmpty() || !outputs.isEmpty()) {
            String notUsed = whyNot(info, origin, session, hostFiles, log);
            if (notUsed != null) {
                log.debug("Host files not used (" + log.key(Setting.HOST_FILE_THRESHOLD) + " " + threshold + "): " + notUsed
                        + "; every tensor goes over " + transport.describe());
                inputs = Set.of();
                outputs = Set.of();
            } else {
                List<String> named = new ArrayList<>();
                inputs.forEach(i -> named.add("input " + i + " " + sized(info.inputs().get(i))));
                outputs.forEach(i -> named.add("output " + i + " " + sized(info.outputs().get(i))));
                log.info("Through files on the device's host (" + log.key(Setting.HOST_FILE_THRESHOLD) + " "
                        + threshold + "): " + String.join(", ", named));
            }
        }
        return new StandaloneDeviceSession(session, queryTimeout, callTimeout, hostFiles, inputs, outputs);
    }

    private static String sized(TensorInfo tensor) {
        return tensor.describe() + " (" + tensor.sizeBytes() + " bytes)";
    }

    /** The indices of the tensors the threshold covers. */
    private static Set<Integer> covered(List<TensorInfo> tensors, HostFileThreshold threshold) {
        Set<Integer> covered = new TreeSet<>();
        for (int i = 0; i < tensors.size(); i++) {
            if (threshold.covers(tensors.get(i).sizeBytes())) {
                covered.add(i);
            }
        }
        return covered;
    }

    /** Why host files cannot be used with this device and transport, or null when they can. */
    private static String whyNot(DeviceInfo info, TransportOrigin origin, StandaloneSession session,
                                 HostFileTransfers hostFiles, SettingNames names) {
        if (origin != TransportOrigin.TEMPLATE) {
            return "the device is reached over a link of the user's (" + names.key(Setting.SERIAL_PORT)
                    + "), whose device may run on another machine";
        }
        if (!info.offersHostFiles()) {
            return "the firmware (standalone protocol " + info.protocolVersion() + ") does not offer them";
        }
        if (!session.hostPathFits(hostFiles.longestPath())) {
            return "a host file's path (up to " + hostFiles.longestPath().length() + " bytes) does not fit the device's"
                    + " max payload of " + info.maxPayload() + " bytes; a shorter java.io.tmpdir would";
        }
        return null;
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

    /** Whether input {@code index} travels through a host file in this session. */
    public boolean inputByHostFile(int index) {
        return inputsByFile.contains(index);
    }

    /** Whether output {@code index} travels through a host file in this session. */
    public boolean outputByHostFile(int index) {
        return outputsByFile.contains(index);
    }

    @Override
    public void setInput(int index, byte[] data) throws DeviceException {
        try {
            if (inputByHostFile(index)) {
                hostFiles.upload(session, index, data, queryTimeout);
            } else {
                session.setInput(index, data, queryTimeout);
            }
        } catch (DeviceException e) {
            throw hostFileFailure(e, "input", index);
        }
    }

    @Override
    public DeviceRun run() throws DeviceException {
        RunTiming timing = session.run(callTimeout);
        return new DeviceRun(OptionalDouble.of(timing.seconds()), timing.outputDigest());
    }

    @Override
    public byte[] getOutput(int index) throws DeviceException {
        try {
            if (outputByHostFile(index)) {
                return hostFiles.download(session, index, session.info().outputs().get(index).sizeBytes(),
                        queryTimeout);
            }
            return session.getOutput(index, queryTimeout);
        } catch (DeviceException e) {
            throw hostFileFailure(e, "output", index);
        }
    }

    /** A refused host file says what to do about it; any other failure keeps the protocol's message. */
    private static DeviceException hostFileFailure(DeviceException e, String role, int index) {
        if (e instanceof DeviceErrorException refusal
                && refusal.knownCode().orElse(null) == DeviceErrorCode.HOST_FILE_FAILED) {
            return new DeviceException(Fault.DEVICE, "Moving " + role + " " + index + " through a file on the"
                    + " device's host failed: " + e.getMessage() + " (detail: the host's error number or the bytes"
                    + " moved). A threshold of -1 sends every tensor over the transport instead.", e, false,
                    Setting.HOST_FILE_THRESHOLD);
        }
        return e;
    }

    private static List<TensorSpec> specs(List<TensorInfo> tensors) {
        return tensors.stream().map(t -> new TensorSpec(t.name(), DType.fromName(t.dtype()), t.shape(),
                t.shapeKnown(), t.sizeBytes())).toList();
    }
}
