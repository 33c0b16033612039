package io.microtvm.run;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.RetryPolicy;
import io.microtvm.Setting;
import io.microtvm.npz.NdArray;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.TransportTimeouts;
import io.microtvm.rpc.session.SessionTimeouts;
import io.microtvm.run.hostdriven.HostDrivenDeviceSession;
import io.microtvm.run.hostdriven.HostDrivenModel;
import io.microtvm.run.standalone.HostFileThreshold;
import io.microtvm.run.standalone.StandaloneDeviceSession;
import io.microtvm.run.standalone.TransportOrigin;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.DirectChannelTransport;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.Transport;
import io.microtvm.transport.Transports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run}: the model once (or {@code repeat} times) on the device of a flashed project, over the
 * Project API transport or straight over the device's serial port or socket (a {@link DirectLink}),
 * speaking the plugin's standalone protocol or microTVM's host-driven RPC (a {@link DeviceSession} of
 * either kind, chosen by {@link RunProtocol}). Inputs and expected outputs are read and checked before
 * the device is touched; the transport is closed on every path.
 */
public final class ModelRun {

    /**
     * @param inputs          a .npz of named inputs, or null to fill all of them
     * @param expectedOutputs a .npz with {@code output_0}, ... to compare with, or null
     * @param overrides       options given to this goal, over the recorded ones
     * @param protocol        what the firmware speaks; AUTO: from the project's project_type
     * @param outputShapes    output shapes given by the user, for outputs whose shape the model does not record
     */
    public record Request(GeneratedProject project, Path inputs, FillMode fillMode, long seed, Path expectedOutputs,
                          Tolerance tolerance, int repeat, Map<String, String> overrides, RunProtocol protocol,
                          OutputShapes outputShapes) {

        public Request {
            outputShapes = outputShapes == null ? OutputShapes.NONE : outputShapes;
        }

        /** Without output shapes of the user's. */
        public Request(GeneratedProject project, Path inputs, FillMode fillMode, long seed, Path expectedOutputs,
                       Tolerance tolerance, int repeat, Map<String, String> overrides, RunProtocol protocol) {
            this(project, inputs, fillMode, seed, expectedOutputs, tolerance, repeat, overrides, protocol,
                    OutputShapes.NONE);
        }
    }

    /** Session timeouts for a device reached directly: resend the handshake every 2 s, no other limits of its own. */
    static final TransportTimeouts DIRECT_LINK_TIMEOUTS = new TransportTimeouts(2.0, 0, 0);

    private final ServerSettings settings;
    private final BuildLog log;
    private final DirectLink directLink;
    private final RetryPolicy retry;
    private final boolean directChannel;
    private final HostFileThreshold hostFileThreshold;

    public ModelRun(ServerSettings settings, BuildLog log) {
        this(settings, log, null, RetryPolicy.NONE);
    }

    /**
     * @param directLink the device's own address, or null to use the project's Project API transport
     * @param retry      how often opening the transport is tried again (never the run itself)
     */
    public ModelRun(ServerSettings settings, BuildLog log, DirectLink directLink, RetryPolicy retry) {
        this(settings, log, directLink, retry, true, HostFileThreshold.DEFAULT);
    }

    private ModelRun(ServerSettings settings, BuildLog log, DirectLink directLink, RetryPolicy retry,
                     boolean directChannel, HostFileThreshold hostFileThreshold) {
        this.settings = settings;
        this.log = log;
        this.directLink = directLink;
        this.retry = retry;
        this.directChannel = directChannel;
        this.hostFileThreshold = hostFileThreshold;
    }

    /**
     * This run with the template's direct channel allowed (the default) or not: without it every
     * byte goes through the Project API relay, as with TVM's own client.
     */
    public ModelRun withDirectChannel(boolean allowed) {
        return new ModelRun(settings, log, directLink, retry, allowed, hostFileThreshold);
    }

    /** This run with standalone tensors from {@code threshold} on through files on the device's host (default 16 KiB). */
    public ModelRun withHostFileThreshold(HostFileThreshold threshold) {
        return new ModelRun(settings, log, directLink, retry, directChannel, threshold);
    }

    public RunResult run(Request request) throws MicroTvmException {
        GeneratedProject project = request.project();
        RunProtocol protocol = request.protocol().resolve(project, log);
        // the host-driven model description is the user's to fix, so it is read before the device is touched
        HostDrivenModel hostDriven = protocol == RunProtocol.HOST_DRIVEN ? HostDrivenModel.read(project.dir()) : null;
        Map<String, NdArray> given = readNpz(request.inputs(), Setting.INPUTS);
        Map<String, NdArray> expected = readNpz(request.expectedOutputs(), Setting.EXPECTED_OUTPUTS);

        if (directLink != null) {
            Transport direct = Transports.openDirect(directLink.address(), directLink.baudRate(), settings.queryTimeout(),
                    directLink.portWait(), retry, log);
            log.info("Talking to the device directly over " + direct.describe() + " (" + log.where(Setting.SERIAL_PORT) + ")");
            try (direct) {
                // no template to ask: the session waits are the plugin's own limits, and the host-driven
                // handshake is resent as TVM's board templates ask (a board may reset when its port opens)
                DeviceSession session = openSession(protocol, direct, DIRECT_LINK_TIMEOUTS, hostDriven,
                        TransportOrigin.USER_LINK);
                return runOn(session, project, request, given, expected);
            } catch (DeviceException e) {
                throw PoolSizeAdvice.withPoolSize(e, project);
            }
        }
        ProjectApiTransport relay = TemplateRelay.open(project, request.overrides(), settings, retry, log);
        Transport transport = directChannelOf(relay);
        try (transport) {
            DeviceSession session = openSession(protocol, transport, relay.timeouts(), hostDriven,
                    TransportOrigin.TEMPLATE);
            return runOn(session, project, request, given, expected);
        } catch (DeviceException e) {
            throw PoolSizeAdvice.withPoolSize(e, project);
        }
    }

    /**
     * The template's direct channel to the device when it offers one (the bundled templates do) and
     * it may be used; else, or when it cannot be opened, the relay itself.
     */
    Transport directChannelOf(ProjectApiTransport relay) {
        if (!directChannel || relay.directChannel().isEmpty()) {
            return relay;
        }
        try {
            DirectChannelTransport direct = DirectChannelTransport.connect(relay);
            log.debug("Talking to the device over " + direct.describe());
            return direct;
        } catch (DeviceException e) {
            log.debug("The template's direct channel could not be opened (" + e.getMessage()
                    + "); every byte goes through the Project API relay instead");
            return relay;
        }
    }

    /**
     * The protocol's session on an open transport; {@code timeouts} are the template's open_transport reply,
     * {@code origin} says whether the template opened it (only then may standalone tensors use host files).
     */
    DeviceSession openSession(RunProtocol protocol, Transport transport, TransportTimeouts timeouts,
                              HostDrivenModel hostDriven, TransportOrigin origin) throws DeviceException {
        if (protocol == RunProtocol.HOST_DRIVEN) {
            // "wait forever" (0) from the template becomes the plugin's own limits: nothing waits unbounded
            SessionTimeouts sessionTimeouts = SessionTimeouts.from(timeouts, settings.queryTimeout(),
                    settings.callTimeout());
            return HostDrivenDeviceSession.open(transport, sessionTimeouts, hostDriven, settings.queryTimeout(),
                    settings.callTimeout(), log);
        }
        return StandaloneDeviceSession.open(transport, settings.queryTimeout(), settings.callTimeout(),
                hostFileThreshold, origin, log);
    }

    /**
     * The run on a session the caller opened and owns (tests reach a real firmware through a transport
     * of their own this way); the request's files are read as {@link #run} reads them.
     */
    RunResult runOn(DeviceSession session, Request request) throws MicroTvmException {
        Map<String, NdArray> given = readNpz(request.inputs(), Setting.INPUTS);
        Map<String, NdArray> expected = readNpz(request.expectedOutputs(), Setting.EXPECTED_OUTPUTS);
        return runOn(session, request.project(), request, given, expected);
    }

    private RunResult runOn(DeviceSession session, GeneratedProject project, Request request,
                            Map<String, NdArray> given, Map<String, NdArray> expected)
            throws MicroTvmException {
        String recorded = project.record().modelLibraryFormatDigest();
        String modelId = session.modelId();
        if (modelId == null) {
            // host-driven firmware does not say which model it holds; the record's digest names it
            modelId = recorded;
        } else if (recorded != null && !recorded.equalsIgnoreCase(modelId)) {
            throw new MicroTvmException(Fault.CONFIGURATION, "The device runs another model (id " + modelId + ") than "
                    + project.dir() + " was created from (" + recorded + "): build and flash the project again.");
        }
        List<TensorSpec> inputSpecs = session.inputs();
        List<TensorSpec> outputSpecs = session.outputs();
        List<String> unknownShapes = request.outputShapes().unknownNames(outputSpecs);
        if (!unknownShapes.isEmpty()) {
            throw MicroTvmException.badSetting(Setting.OUTPUT_SHAPES, "The output shapes name " + unknownShapes
                    + ", which the model does not have; its outputs: " + describeOutputs(outputSpecs));
        }
        String expectedSource = "expectedOutputs " + request.expectedOutputs();
        expected = ExpectedOutputs.byOutputKey(expected, outputSpecs, expectedSource);
        if (request.expectedOutputs() != null) {
            List<String> unchecked = ExpectedOutputs.unchecked(expected, outputSpecs);
            if (!unchecked.isEmpty()) {
                log.warn(expectedSource + " has no array for " + String.join(", ", unchecked)
                        + ": not checked");
            }
        }
        List<NdArray> inputs = ModelInputs.prepare(inputSpecs, given,
                request.inputs() == null ? "(none)" : request.inputs().toString(), request.fillMode(), request.seed());
        List<String> filled = inputSpecs.stream().map(TensorSpec::name).filter(n -> !given.containsKey(n)).toList();
        if (!filled.isEmpty()) {
            log.info("Filled " + String.join(", ", filled) + " with " + request.fillMode()
                    + (request.fillMode() == FillMode.RANDOM ? " (seed " + request.seed() + ", " + log.where(Setting.SEED) + ")"
                            : ""));
        }

        // inputs up once, every repetition a run, outputs down once (plus what comparing the runs needs)
        RunProgress progress = new RunProgress(request.repeat(), session.timerName(), log);
        List<String> outputKeys = new ArrayList<>();
        for (int i = 0; i < outputSpecs.size(); i++) {
            outputKeys.add(ExpectedOutputs.keyOf(i));
        }
        RepeatedRuns.Result repeated = RepeatedRuns.run(session, inputs.stream().map(NdArray::data).toList(),
                outputKeys, request.repeat(), progress::completed);
        List<RunResult.Timing> runs = repeated.timings();
        List<byte[]> raw = repeated.outputs();
        Map<String, NdArray> outputs = new LinkedHashMap<>();
        Map<String, OutputShapes.Source> shapeSources = new LinkedHashMap<>();
        List<String> flat = new ArrayList<>();
        for (int i = 0; i < outputSpecs.size(); i++) {
            String key = ExpectedOutputs.keyOf(i);
            TensorSpec spec = outputSpecs.get(i);
            OutputShapes.Resolved shape = request.outputShapes().resolve(i, spec, expected.get(key));
            String named = key.equals(spec.name()) ? key : key + " ('" + spec.name() + "'";
            if (shape.source() == OutputShapes.Source.NONE) {
                flat.add(named + (named.equals(key) ? " (" : ", ") + spec.elementCount() + " elements)");
            } else {
                log.info(named + (named.equals(key) ? "" : ")") + ": shape " + java.util.Arrays.toString(shape.shape())
                        + " from " + shape.source().words());
            }
            outputs.put(key, NdArray.of(spec.dtype(), shape.shape(), raw.get(i)));
            shapeSources.put(key, shape.source());
        }
        if (!flat.isEmpty()) {
            log.info("No source knows the shape of " + String.join(", ", flat) + ": written flat (1-D). The MLF"
                    + " records none; give it with " + log.describe(Setting.OUTPUT_SHAPES) + ", e.g. "
                    + "output_0:[1," + outputSpecs.get(0).elementCount() + "], or with expectedOutputs");
        }
        List<OutputCheck> checks = OutputComparison.compare(outputs, expected, request.tolerance());
        return new RunResult(project.dir().getFileName().toString(), modelId, session.timerName(),
                inputSpecs, outputs, runs, checks, filled, shapeSources, repeated.checks());
    }

    /** A user's .npz: missing, unreadable or malformed is the user's to fix, naming the setting that gave it. */
    private static Map<String, NdArray> readNpz(Path file, Setting setting) throws MicroTvmException {
        if (file == null) {
            return Map.of();
        }
        String what = setting == Setting.INPUTS ? "inputs" : "expected outputs";
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw MicroTvmException.badSetting(setting, "The " + what + " file " + file.toAbsolutePath()
                    + " does not exist.");
        }
        try {
            return Npz.read(file);
        } catch (MicroTvmException e) {
            throw MicroTvmException.badSetting(setting, "Cannot read the " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model's shape when the device knows it; else the expected output's shape when the sizes
     * agree (the MLF rarely records output shapes); else 1-D. See {@link OutputShapes} for all sources.
     */
    static long[] outputShape(TensorSpec spec, NdArray expected) {
        if (!spec.shapeKnown() && expected != null && expected.elementCount() == spec.elementCount()) {
            return expected.shape();
        }
        return spec.shape();
    }

    private static String describeOutputs(List<TensorSpec> outputs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            names.add("output_" + i + " ('" + outputs.get(i).name() + "')");
        }
        return String.join(", ", names);
    }
}
