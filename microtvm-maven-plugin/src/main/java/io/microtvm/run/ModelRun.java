package io.microtvm.run;

import io.microtvm.BuildLog;
import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import io.microtvm.npz.Npz;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.options.OptionResolver;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectException;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectApiServer;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ServerInfo;
import io.microtvm.run.standalone.DeviceInfo;
import io.microtvm.run.standalone.SessionException;
import io.microtvm.run.standalone.StandaloneSession;
import io.microtvm.run.standalone.TensorInfo;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.Transport;
import io.microtvm.transport.TransportException;
import io.microtvm.transport.Transports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run}: the model once (or {@code repeat} times) on the device of a flashed project, over the
 * plugin's standalone protocol carried by the Project API transport, or straight over the device's serial
 * port or socket when a {@link DirectLink} is given. Inputs and expected outputs
 * are read and checked before the device is touched; the transport is closed on every path.
 */
public final class ModelRun {

    /**
     * @param inputs          a .npz of named inputs, or null to fill all of them
     * @param expectedOutputs a .npz with {@code output_0}, ... to compare with, or null
     * @param overrides       options given to this goal, over the recorded ones
     */
    public record Request(GeneratedProject project, Path inputs, FillMode fillMode, long seed, Path expectedOutputs,
                          Tolerance tolerance, int repeat, Map<String, String> overrides) {
    }

    private final ServerSettings settings;
    private final BuildLog log;
    private final DirectLink directLink;

    public ModelRun(ServerSettings settings, BuildLog log) {
        this(settings, log, null);
    }

    /** @param directLink the device's own address, or null to use the project's Project API transport */
    public ModelRun(ServerSettings settings, BuildLog log, DirectLink directLink) {
        this.settings = settings;
        this.log = log;
        this.directLink = directLink;
    }

    public RunResult run(Request request) throws ProjectException, ProjectApiException, InvalidOptionsException,
            TransportException, SessionException, IOException {
        if (request.repeat() < 1) {
            throw new ProjectException("repeat (property microtvm.repeat) must be at least 1, got " + request.repeat());
        }
        GeneratedProject project = request.project();
        checkRunnable(project);
        Map<String, NdArray> given = readNpz(request.inputs(), "inputs (property microtvm.inputs)");
        Map<String, NdArray> expected = readNpz(request.expectedOutputs(),
                "expectedOutputs (property microtvm.expectedOutputs)");

        if (directLink != null) {
            Transport direct = Transports.openDirect(directLink.address(), directLink.baudRate(), settings.queryTimeout());
            log.info("Talking to the device directly over " + direct.describe() + " (property microtvm.serialPort)");
            try (direct) {
                return runOn(direct, project, request, given, expected);
            }
        }
        ProjectApiServer server = ProjectServers.start(project.dir(), settings);
        ProjectApiTransport transport;
        try {
            ServerInfo info = ProjectServers.query(server, settings);
            var options = new OptionResolver().resolve(info.projectOptions(), ProjectMethod.OPEN_TRANSPORT,
                    project.effectiveOptions(request.overrides(), log), "project " + project.dir());
            // open_transport may boot an emulator or wait for a board: a long call, not a query
            transport = ProjectApiTransport.open(server, options.options(), settings.callTimeout(),
                    settings.queryTimeout());
        } catch (ProjectApiException | InvalidOptionsException | TransportException | RuntimeException e) {
            server.close();
            throw e;
        }
        try (transport) {
            return runOn(transport, project, request, given, expected);
        }
    }

    private RunResult runOn(Transport transport, GeneratedProject project, Request request,
                            Map<String, NdArray> given, Map<String, NdArray> expected)
            throws ProjectException, TransportException, SessionException {
        StandaloneSession session = StandaloneSession.open(transport, settings.queryTimeout());
        DeviceInfo device = session.info();
        String recorded = project.record().modelLibraryFormatDigest();
        if (recorded != null && !recorded.equalsIgnoreCase(device.modelId())) {
            throw new ProjectException("The device runs another model (id " + device.modelId() + ") than "
                    + project.dir() + " was created from (" + recorded + "): build and flash the project again"
                    + " (mvn microtvm:build microtvm:flash).");
        }
        List<TensorSpec> inputSpecs = specs(device.inputs());
        List<TensorSpec> outputSpecs = specs(device.outputs());
        List<NdArray> inputs = ModelInputs.prepare(inputSpecs, given,
                request.inputs() == null ? "(none)" : request.inputs().toString(), request.fillMode(), request.seed());
        List<String> filled = inputSpecs.stream().map(TensorSpec::name).filter(n -> !given.containsKey(n)).toList();
        if (!filled.isEmpty()) {
            log.info("Filled " + String.join(", ", filled) + " with " + request.fillMode()
                    + (request.fillMode() == FillMode.RANDOM ? " (seed " + request.seed() + ", property microtvm.seed)" : ""));
        }

        List<RunResult.Timing> runs = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        for (int r = 0; r < request.repeat(); r++) {
            long start = System.nanoTime();
            for (int i = 0; i < inputs.size(); i++) {
                session.setInput(i, inputs.get(i).data(), settings.queryTimeout());
            }
            double deviceSeconds = session.run(settings.callTimeout()).seconds();
            raw.clear();
            for (int i = 0; i < outputSpecs.size(); i++) {
                raw.add(session.getOutput(i, settings.queryTimeout()));
            }
            runs.add(new RunResult.Timing(deviceSeconds, (System.nanoTime() - start) / 1e9));
        }
        Map<String, NdArray> outputs = new LinkedHashMap<>();
        for (int i = 0; i < outputSpecs.size(); i++) {
            String key = "output_" + i;
            TensorSpec spec = outputSpecs.get(i);
            outputs.put(key, NdArray.of(spec.dtype(), outputShape(spec, expected.get(key)), raw.get(i)));
        }
        List<OutputCheck> checks = OutputComparison.compare(outputs, expected, request.tolerance());
        return new RunResult(project.dir().getFileName().toString(), device.modelId(), device.timerName(),
                inputSpecs, outputs, runs, checks);
    }

    /** A user's .npz: missing or malformed is the user's to fix, so it is a ProjectException naming the parameter. */
    private static Map<String, NdArray> readNpz(Path file, String parameter) throws ProjectException {
        if (file == null) {
            return Map.of();
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ProjectException("The " + parameter + " file " + file.toAbsolutePath() + " does not exist.");
        }
        try {
            return Npz.read(file);
        } catch (IOException e) {
            throw new ProjectException("Cannot read " + parameter + ": " + e.getMessage(), e);
        }
    }

    /** Only projects of the plugin's own templates speak the standalone protocol. */
    private static void checkRunnable(GeneratedProject project) throws ProjectException {
        var resolved = project.record().resolvedOptions();
        String type = resolved != null && resolved.hasNonNull("project_type") ? resolved.get("project_type").asText() : null;
        if (!"standalone".equals(type)) {
            throw new ProjectException("microtvm:run speaks the standalone protocol of the plugin's own templates;"
                    + " " + project.dir() + " was made by " + project.record().describeSource()
                    + " with project_type=" + type + ". Create the project with project_type=standalone.");
        }
    }

    private static List<TensorSpec> specs(List<TensorInfo> tensors) {
        return tensors.stream().map(t -> new TensorSpec(t.name(), DType.fromName(t.dtype()), t.shape(),
                t.shapeKnown(), t.sizeBytes())).toList();
    }

    /**
     * The model's shape when the device knows it; else the expected output's shape when the sizes
     * agree (the MLF rarely records output shapes); else 1-D.
     */
    static long[] outputShape(TensorSpec spec, NdArray expected) {
        if (!spec.shapeKnown() && expected != null && expected.elementCount() == spec.elementCount()) {
            return expected.shape();
        }
        return spec.shape();
    }
}
