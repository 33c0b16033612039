package io.microtvm.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.npz.NdArray;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.TransportTimeouts;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RpcCode;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.rpc.session.MicroSession;
import io.microtvm.rpc.session.SessionTimeouts;
import io.microtvm.run.DeviceSession;
import io.microtvm.run.TensorSpec;
import io.microtvm.run.hostdriven.HostDrivenDeviceSession;
import io.microtvm.run.hostdriven.HostDrivenModel;
import io.microtvm.run.standalone.StandaloneDeviceSession;
import io.microtvm.transport.DirectChannelTransport;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.Transport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Host-driven runs against standalone runs of the same model on the host template, and microTVM
 * RPC copies against the raw pipe they travel on:
 * <ul>
 *   <li>one inference as {@code microtvm:run} makes it (every input up, run, every output down),
 *       host-driven (TVM's CRT RPC server, the Java RPC stack) vs standalone (the plugin's own
 *       protocol), both over the Project API relay, then both over the template's direct channel,
 *       then both over raw pipes;</li>
 *   <li>CopyToRemote of a buffer in chunks the device allows vs the same bytes, in the same chunk
 *       sizes, written to {@code cat} and read back, one chunk at a time (the raw transport).</li>
 * </ul>
 * The two sides take turns, so both see the same machine at the same time.
 */
final class HostDrivenRunBench {
    private static final int INFERENCE_WARM_UPS = 50;
    private static final int INFERENCES = 301;
    private static final int COPY_WARM_UPS = 3;
    private static final int COPY_ROUNDS = 31;
    private static final int COPY_BYTES = 256 * 1024;

    private final Path workDir;
    private final Template hostTemplate;
    private final ServerSettings settings;
    private final String recordedPluginVersion;

    HostDrivenRunBench(Path workDir, Template hostTemplate, ServerSettings settings, String recordedPluginVersion) {
        this.workDir = workDir;
        this.hostTemplate = hostTemplate;
        this.settings = settings;
        this.recordedPluginVersion = recordedPluginVersion;
    }

    /**
     * @param standaloneMlf  the model compiled for the standalone flow (NAME.tar)
     * @param hostDrivenMlf  the same model compiled for host-driven runs (NAME_aot_hd.tar, with runtime/)
     * @param inputs         the model's inputs
     */
    List<Comparison> measure(String model, Path standaloneMlf, Path hostDrivenMlf, Path inputs) throws Exception {
        Path standalone = build(model + "_standalone", standaloneMlf, Map.of());
        Path hostDriven = build(model + "_host_driven", hostDrivenMlf, Map.of("project_type", "host_driven"));
        HostDrivenModel description = HostDrivenModel.read(hostDriven);
        Map<String, NdArray> given = Npz.read(inputs);
        List<Comparison> rows = new ArrayList<>();

        ProjectApiTransport hdRelay = openRelay(hostDriven);
        try (hdRelay) {
            ProjectApiTransport saRelay = openRelay(standalone);
            try (saRelay) {
                DeviceSession hd = openHostDriven(hdRelay, hdRelay.timeouts(), description);
                DeviceSession sa = StandaloneDeviceSession.open(saRelay, settings.queryTimeout(), settings.callTimeout());
                rows.add(inferences(model, "relay", "over the Project API relay", hd, sa, given));
            }
        }
        try (DirectChannelTransport hdDirect = DirectChannelTransport.connect(openRelay(hostDriven));
             DirectChannelTransport saDirect = DirectChannelTransport.connect(openRelay(standalone))) {
            DeviceSession hd = openHostDriven(hdDirect, hdDirect.timeouts(), description);
            DeviceSession sa = StandaloneDeviceSession.open(saDirect, settings.queryTimeout(), settings.callTimeout());
            rows.add(inferences(model, "direct", "over the template's direct channel (as microtvm:run sends it)",
                    hd, sa, given));
        }
        try (RawPipeTransport hdPipe = RawPipeTransport.start(hostDriven.resolve("build/main"), hostDriven);
             RawPipeTransport saPipe = RawPipeTransport.start(standalone.resolve("build/main"), standalone)) {
            DeviceSession hd = openHostDriven(hdPipe, new TransportTimeouts(0, 0, 0), description);
            DeviceSession sa = StandaloneDeviceSession.open(saPipe, settings.queryTimeout(), settings.callTimeout());
            rows.add(inferences(model, "pipe", "over raw pipes to build/main (no Project API server)", hd, sa, given));
        }
        try (RawPipeTransport firmware = RawPipeTransport.start(hostDriven.resolve("build/main"), hostDriven);
             RawPipeTransport cat = RawPipeTransport.start(Path.of("/bin/cat"), hostDriven)) {
            rows.add(copies(firmware, cat));
        }
        return rows;
    }

    private Path build(String name, Path mlf, Map<String, String> options) throws Exception {
        Path project = workDir.resolve(name);
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(mlf, hostTemplate, project,
                options, false, recordedPluginVersion));
        GeneratedProject.open(project).build(Map.of(), false, settings, BuildLog.NONE);
        return project;
    }

    private ProjectApiTransport openRelay(Path project) throws Exception {
        ProjectApiClient server = ProjectServers.start(project, settings);
        try {
            return ProjectApiTransport.open(server, JsonNodeFactory.instance.objectNode(), settings.queryTimeout());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private DeviceSession openHostDriven(Transport transport, TransportTimeouts timeouts, HostDrivenModel model)
            throws Exception {
        return HostDrivenDeviceSession.open(transport, SessionTimeouts.from(timeouts, settings.queryTimeout(),
                settings.callTimeout()), model, settings.queryTimeout(), settings.callTimeout(), BuildLog.NONE);
    }

    private Comparison inferences(String model, String channel, String how, DeviceSession hd, DeviceSession sa,
                                  Map<String, NdArray> given) throws Exception {
        List<byte[]> hdInputs = inputsOf(hd, given);
        List<byte[]> saInputs = inputsOf(sa, given);
        String hdName = "infer_host_driven_" + channel + "_" + model;
        String saName = "infer_standalone_" + channel + "_" + model;
        System.out.println("Measuring " + hdName + " vs " + saName + " (" + INFERENCE_WARM_UPS + " warm-up, "
                + INFERENCES + " timed inferences each)");
        List<byte[]> hdOut = null;
        List<byte[]> saOut = null;
        for (int i = 0; i < INFERENCE_WARM_UPS; i++) {
            hdOut = inferOnce(hd, hdInputs);
            saOut = inferOnce(sa, saInputs);
        }
        requireSame(model, hdOut, saOut);
        long[] hdNanos = new long[INFERENCES];
        long[] saNanos = new long[INFERENCES];
        for (int i = 0; i < INFERENCES; i++) {
            if (i % 2 == 0) {
                hdNanos[i] = timedInference(hd, hdInputs);
                saNanos[i] = timedInference(sa, saInputs);
            } else {
                saNanos[i] = timedInference(sa, saInputs);
                hdNanos[i] = timedInference(hd, hdInputs);
            }
        }
        String inference = "one inference of " + model + " as microtvm:run makes it (every input up, run, every output"
                + " down), host wall time, " + how;
        return new Comparison(hdName, inference + "; host-driven: microTVM RPC to TVM's CRT RPC server (the run is"
                + " runtime.RPCTimeEvaluator's: the model runs twice, warm-up and timed)", Timing.of(hdNanos),
                saName, inference + "; standalone: the plugin's own protocol (SET_INPUT, RUN, GET_OUTPUT)",
                Timing.of(saNanos));
    }

    static long timedInference(DeviceSession s, List<byte[]> inputs) throws Exception {
        long start = System.nanoTime();
        inferOnce(s, inputs);
        return System.nanoTime() - start;
    }

    /** One inference with every transfer: what ModelRun does with repeat=1. */
    static List<byte[]> inferOnce(DeviceSession s, List<byte[]> inputs) throws Exception {
        for (int i = 0; i < inputs.size(); i++) {
            s.setInput(i, inputs.get(i));
        }
        s.run();
        List<byte[]> outputs = new ArrayList<>();
        for (int i = 0; i < s.outputs().size(); i++) {
            outputs.add(s.getOutput(i));
        }
        return outputs;
    }

    private Comparison copies(Transport firmware, Transport cat) throws Exception {
        MinRpcClient client = new MinRpcClient(MicroSession.open(firmware, new SessionTimeouts(Duration.ZERO,
                settings.queryTimeout(), settings.queryTimeout()), BuildLog.NONE, new SecureRandom()::nextInt),
                settings.queryTimeout());
        long address = client.syscall(RpcCode.DEV_ALLOC_DATA, List.of(RpcValue.ofDevice(1, 0),
                RpcValue.ofInt(COPY_BYTES), RpcValue.ofInt(64), RpcValue.ofDataType(1 | (8 << 8) | (1 << 16))),
                "DevAllocData").asLong();
        DlTensor buffer = new DlTensor(address, 1, 0, 1, 8, 1, new long[] {COPY_BYTES}, 0);
        byte[] data = new byte[COPY_BYTES];
        new Random(1).nextBytes(data);
        client.copyToRemote(buffer, data);
        if (!Arrays.equals(client.copyFromRemote(buffer, COPY_BYTES), data)) {
            throw new IllegalStateException("CopyFromRemote did not return what CopyToRemote wrote");
        }
        int chunk = (int) (client.maxPacketSize() - 52); // what the RPC copy puts in one packet of a 1-D tensor
        String what = COPY_BYTES + " B (" + (COPY_BYTES + chunk - 1) / chunk + " chunks of at most " + chunk + " B)";
        ProjectApiBench.Side rpc = new ProjectApiBench.Side("rpc_copy_to_remote",
                "CopyToRemote of " + what + " into device memory over microTVM RPC (framing, session, MinRPC; one"
                        + " packet in flight, each acknowledged) on a raw pipe to the host_driven build/main; MiB/s",
                ProjectApiBench.timed(() -> client.copyToRemote(buffer, data)));
        ProjectApiBench.Side raw = new ProjectApiBench.Side("raw_pipe_chunks",
                "the same " + what + " written to cat over a raw pipe, each chunk read back before the next (the"
                        + " transport alone, same request/response shape); MiB/s",
                ProjectApiBench.timed(() -> echoChunks(cat, data, chunk)));
        return ProjectApiBench.compare(rpc, raw, COPY_WARM_UPS, COPY_ROUNDS).movingPayloadBytes(COPY_BYTES);
    }

    private void echoChunks(Transport cat, byte[] data, int chunk) throws Exception {
        for (int offset = 0; offset < data.length; offset += chunk) {
            int n = Math.min(chunk, data.length - offset);
            cat.write(Arrays.copyOfRange(data, offset, offset + n), settings.queryTimeout());
            int got = 0;
            while (got < n) {
                got += cat.read(n - got, settings.queryTimeout()).length;
            }
        }
    }

    static List<byte[]> inputsOf(DeviceSession s, Map<String, NdArray> given) {
        List<byte[]> inputs = new ArrayList<>();
        for (TensorSpec t : s.inputs()) {
            NdArray a = given.get(t.name());
            if (a == null || a.byteCount() != t.sizeBytes()) {
                throw new IllegalStateException("the inputs have no fitting array for " + t.describe());
            }
            inputs.add(a.data());
        }
        return inputs;
    }

    private static void requireSame(String model, List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                // different compilations (packed vs unpacked API) may round differently; report, do not hide
                System.out.println("Note: output " + i + " of " + model + " differs bitwise between host-driven and"
                        + " standalone builds");
            }
        }
    }
}
