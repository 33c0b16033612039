package io.microtvm.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.run.DeviceSession;
import io.microtvm.run.RepeatedRuns;
import io.microtvm.run.standalone.DeviceInfo;
import io.microtvm.run.standalone.StandaloneDeviceSession;
import io.microtvm.run.standalone.RunTiming;
import io.microtvm.run.standalone.StandaloneSession;
import io.microtvm.run.standalone.TensorInfo;
import io.microtvm.transport.DirectChannelTransport;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The run goal's inner loop on the host template's {@code build/main}: one inference (every input
 * up, RUN, every output down) over the Project API relay, over the template's direct channel (as
 * {@code microtvm:run} sends it), and over a raw pipe to the same executable; and the time the
 * program itself measured around the model's run call in those inferences. For a model with real tensors, also bulk SET_INPUT and
 * GET_OUTPUT traffic over both channels, as payload MiB/s.
 *
 * <p>Each channel drives its own {@code build/main} of one project, taking turns, so all see the
 * same machine at the same time.
 */
final class StandaloneRunBench {

    /** A model to run and the inputs to feed it (a .npz holding one array per input name). */
    record Model(String name, Path modelLibraryFormat, Path inputs) {
    }

    /** One timed inference: host wall time, the device's own time of the run call, the outputs. */
    private record Inference(long roundTripNanos, long deviceNanos, List<byte[]> outputs) {
    }

    private static final String BUILT_PROGRAM = "build/main";

    // The relay's inference is about a millisecond: these take a few seconds per model in all.
    private static final int INFERENCE_WARM_UPS = 100;
    private static final int INFERENCES = 501;
    private static final int TRANSFER_WARM_UPS = 3;
    private static final int TRANSFER_ROUNDS = 51;
    // enough requests per round that one slow call does not decide the round's rate
    private static final int TRANSFERS_PER_ROUND = 64;
    // the repeat of the "upload once, run N times" row
    private static final int REPEAT = 10;

    private final Path workDir;
    private final Template hostTemplate;
    private final ServerSettings settings;
    private final String recordedPluginVersion;

    StandaloneRunBench(Path workDir, Template hostTemplate, ServerSettings settings, String recordedPluginVersion) {
        this.workDir = workDir;
        this.hostTemplate = hostTemplate;
        this.settings = settings;
        this.recordedPluginVersion = recordedPluginVersion;
    }

    /** One way to the program: its row-name part, what it is, and the session over it. */
    private record Channel(String name, String description, StandaloneSession session) {
    }

    /**
     * Creates and builds a project of {@code model}, then times inferences over the three channels
     * and, when {@code withThroughput}, bulk transfers of its largest input and output.
     */
    List<Comparison> measure(Model model, boolean withThroughput) throws Exception {
        Path project = workDir.resolve(model.name());
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(model.modelLibraryFormat(),
                hostTemplate, project, Map.of(), false, recordedPluginVersion));
        GeneratedProject.open(project).build(Map.of(), false, settings, BuildLog.NONE);

        ProjectApiTransport relay = openRelay(project);
        // declared in one try, so what was opened is closed when a later one fails to start
        try (relay;
             DirectChannelTransport direct = DirectChannelTransport.connect(openRelay(project));
             RawPipeTransport pipe = RawPipeTransport.start(project.resolve(BUILT_PROGRAM), project)) {
            Channel overRelay = new Channel("relay", "over the Project API relay, as TVM's client and"
                    + " microtvm:run -Dmicrotvm.directChannel=false send it",
                    StandaloneSession.open(relay, settings.queryTimeout()));
            Channel overDirect = new Channel("direct", "over the template's direct channel (the Unix socket"
                    + " open_transport names, the program's stdin/stdout), as microtvm:run sends it",
                    StandaloneSession.open(direct, settings.queryTimeout()));
            Channel overPipe = new Channel("pipe", "over a raw pipe to its own build/main (stdin/stdout, no"
                    + " Project API server)", StandaloneSession.open(pipe, settings.queryTimeout()));
            List<byte[]> inputs = inputsOf(model, overRelay.session().info());
            List<Comparison> rows = new ArrayList<>(inferences(model.name(), List.of(overRelay, overDirect, overPipe),
                    inputs));
            if (withThroughput) {
                for (Channel channel : List.of(overRelay, overDirect)) {
                    rows.add(uploads(model.name(), channel, overPipe, inputs));
                    rows.add(downloads(model.name(), channel, overPipe));
                }
                rows.add(repeated(model.name(), relay, overRelay, inputs));
                rows.add(repeated(model.name(), direct, overDirect, inputs));
            }
            return rows;
        }
    }

    /** Starts the project's server and opens its transport, as the run goal does; the server is closed on failure. */
    private ProjectApiTransport openRelay(Path project) throws Exception {
        ProjectApiClient server = ProjectServers.start(project, settings);
        try {
            return ProjectApiTransport.open(server, JsonNodeFactory.instance.objectNode(), settings.queryTimeout());
        } catch (RuntimeException e) {
            // open() itself closes the server only when the call fails
            server.close();
            throw e;
        }
    }

    /**
     * Inferences over every channel in turn (the last one is the baseline, the raw pipe), each
     * compared with the baseline and with the device's own time of its run calls.
     */
    private List<Comparison> inferences(String model, List<Channel> channels, List<byte[]> inputs)
            throws Exception {
        int n = channels.size();
        System.out.println("Measuring one inference of " + model + " over " + n + " channels with their device times ("
                + INFERENCE_WARM_UPS + " warm-up, " + INFERENCES + " timed inferences each)");
        Inference[] last = new Inference[n];
        for (int i = 0; i < INFERENCE_WARM_UPS; i++) {
            for (int c = 0; c < n; c++) {
                last[c] = infer(channels.get(c).session(), inputs);
            }
        }
        // the same program on the same inputs: different outputs would mean a channel corrupts data
        requireSameOutputs(model, channels, last);

        long[][] roundTrips = new long[n][INFERENCES];
        long[][] deviceTimes = new long[n][INFERENCES];
        for (int i = 0; i < INFERENCES; i++) {
            // which channel goes first rotates every inference, so none always inherits another's cache state
            for (int k = 0; k < n; k++) {
                int c = (i + k) % n;
                last[c] = infer(channels.get(c).session(), inputs);
                roundTrips[c][i] = last[c].roundTripNanos();
                deviceTimes[c][i] = last[c].deviceNanos();
            }
        }
        requireSameOutputs(model, channels, last);

        String inference = "every input up (SET_INPUT), RUN, every output down (GET_OUTPUT) on " + model
                + "'s build/main, host wall time";
        String deviceDescription = "the device-measured time of the model's run call (clock_gettime around"
                + " tvmgen_*_run, from the RUN reply) in those same inferences";
        Channel baseline = channels.get(n - 1);
        String baselineName = "infer_" + baseline.name() + "_" + model;
        String baselineDescription = "the same inference " + baseline.description() + ": " + inference;
        List<Comparison> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            Channel channel = channels.get(c);
            String name = "infer_" + channel.name() + "_" + model;
            String description = "one inference " + channel.description() + ": " + inference;
            Timing timing = Timing.of(roundTrips[c]);
            rows.add(new Comparison(name, description, timing, "device_run", deviceDescription,
                    Timing.of(deviceTimes[c])));
            if (c < n - 1) {
                rows.add(new Comparison(name, description, timing, baselineName, baselineDescription,
                        Timing.of(roundTrips[n - 1])));
            }
        }
        return rows;
    }

    /**
     * {@code repeat=10} as {@code microtvm:run} does it ({@link RepeatedRuns}: inputs up once, ten RUNs
     * with their output digests, outputs down once), against ten single inferences, both over the
     * same channel to the same build/main; {@code transport} is the channel's own, for a second session.
     */
    private Comparison repeated(String model, Transport transport, Channel channel, List<byte[]> inputs)
            throws Exception {
        DeviceSession session = StandaloneDeviceSession.open(transport, settings.queryTimeout(),
                settings.callTimeout());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < session.outputs().size(); i++) {
            names.add("output_" + i);
        }
        ProjectApiBench.Side once = new ProjectApiBench.Side("repeat" + REPEAT + "_" + channel.name() + "_" + model,
                "repeat=" + REPEAT + " of " + model + " " + channel.description() + ", as microtvm:run repeats: every"
                        + " input up once, " + REPEAT + " RUNs (each reply with the device's output digest), every"
                        + " output down once, digests compared; host wall time",
                ProjectApiBench.timed(() -> {
                    RepeatedRuns.Result r = RepeatedRuns.run(session, inputs, names, REPEAT, timings -> { });
                    if (r.checks().stream().anyMatch(c -> !c.passed())) {
                        throw new IllegalStateException(r.checks().toString());
                    }
                }));
        ProjectApiBench.Side each = new ProjectApiBench.Side("infer" + REPEAT + "x_" + channel.name() + "_" + model,
                REPEAT + " single inferences of " + model + " " + channel.description() + " (every input up, RUN,"
                        + " every output down, " + REPEAT + " times), as repeat did before inputs were sent once;"
                        + " host wall time",
                ProjectApiBench.timed(() -> {
                    for (int i = 0; i < REPEAT; i++) {
                        infer(channel.session(), inputs);
                    }
                }));
        return ProjectApiBench.compare(once, each, TRANSFER_WARM_UPS, TRANSFER_ROUNDS);
    }

    /** One inference with every transfer, with ModelRun's deadlines: what {@code repeat=1} does. */
    private Inference infer(StandaloneSession session, List<byte[]> inputs) throws Exception {
        int outputCount = session.info().outputs().size();
        List<byte[]> outputs = new ArrayList<>(outputCount);
        long start = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            session.setInput(i, inputs.get(i), settings.queryTimeout());
        }
        RunTiming device = session.run(settings.callTimeout());
        for (int i = 0; i < outputCount; i++) {
            outputs.add(session.getOutput(i, settings.queryTimeout()));
        }
        long roundTrip = System.nanoTime() - start;
        return new Inference(roundTrip, device.duration().toNanos(), outputs);
    }

    /** The largest input, sent whole again and again: the session cuts it into max-payload chunks. */
    private Comparison uploads(String model, Channel measured, Channel overPipe, List<byte[]> inputs)
            throws Exception {
        DeviceInfo device = overPipe.session().info();
        int index = largest(device.inputs());
        byte[] data = inputs.get(index);
        String transfer = "SET_INPUT of input " + index + " '" + device.inputs().get(index).name() + "' ("
                + data.length + " B, chunks of at most max_payload - 6 = " + (device.maxPayload() - 6) + " B) "
                + TRANSFERS_PER_ROUND + " times, one request at a time; MiB/s of tensor bytes (each request adds"
                + " 18 B of frame and SET_INPUT header and gets a 12 B reply)";
        ProjectApiBench.Side side = new ProjectApiBench.Side("upload_" + measured.name() + "_" + model,
                transfer + ", " + measured.description(),
                ProjectApiBench.timed(() -> setRepeatedly(measured.session(), index, data)));
        ProjectApiBench.Side pipe = new ProjectApiBench.Side("upload_pipe_" + model,
                transfer + ", " + overPipe.description(),
                ProjectApiBench.timed(() -> setRepeatedly(overPipe.session(), index, data)));
        return ProjectApiBench.compare(side, pipe, TRANSFER_WARM_UPS, TRANSFER_ROUNDS)
                .movingPayloadBytes((long) TRANSFERS_PER_ROUND * data.length);
    }

    /** The largest output, fetched whole again and again, in chunks of at most max_payload. */
    private Comparison downloads(String model, Channel measured, Channel overPipe) throws Exception {
        DeviceInfo device = overPipe.session().info();
        int index = largest(device.outputs());
        long size = device.outputs().get(index).sizeBytes();
        String transfer = "GET_OUTPUT of output " + index + " '" + device.outputs().get(index).name() + "' ("
                + size + " B, chunks of at most max_payload = " + device.maxPayload() + " B) "
                + TRANSFERS_PER_ROUND + " times, one request at a time; MiB/s of tensor bytes (each 22 B request"
                + " gets the bytes in a frame of 12 B more)";
        ProjectApiBench.Side side = new ProjectApiBench.Side("download_" + measured.name() + "_" + model,
                transfer + ", " + measured.description(),
                ProjectApiBench.timed(() -> getRepeatedly(measured.session(), index)));
        ProjectApiBench.Side pipe = new ProjectApiBench.Side("download_pipe_" + model,
                transfer + ", " + overPipe.description(),
                ProjectApiBench.timed(() -> getRepeatedly(overPipe.session(), index)));
        return ProjectApiBench.compare(side, pipe, TRANSFER_WARM_UPS, TRANSFER_ROUNDS)
                .movingPayloadBytes(TRANSFERS_PER_ROUND * size);
    }

    private void setRepeatedly(StandaloneSession session, int index, byte[] data) throws Exception {
        for (int i = 0; i < TRANSFERS_PER_ROUND; i++) {
            session.setInput(index, data, settings.queryTimeout());
        }
    }

    private void getRepeatedly(StandaloneSession session, int index) throws Exception {
        for (int i = 0; i < TRANSFERS_PER_ROUND; i++) {
            session.getOutput(index, settings.queryTimeout());
        }
    }

    private static int largest(List<TensorInfo> tensors) {
        int largest = 0;
        for (int i = 1; i < tensors.size(); i++) {
            if (tensors.get(i).sizeBytes() > tensors.get(largest).sizeBytes()) {
                largest = i;
            }
        }
        return largest;
    }

    /** The model's inputs from its .npz, in the device's order, checked against what the device declared. */
    private static List<byte[]> inputsOf(Model model, DeviceInfo device) throws Exception {
        Map<String, NdArray> given = Npz.read(model.inputs());
        List<byte[]> inputs = new ArrayList<>();
        for (TensorInfo input : device.inputs()) {
            NdArray array = given.get(input.name());
            if (array == null) {
                throw new IllegalStateException(model.inputs() + " has no array '" + input.name() + "' for input "
                        + input.describe() + " of " + model.name());
            }
            if (array.dtype() != DType.fromName(input.dtype()) || array.byteCount() != input.sizeBytes()) {
                throw new IllegalStateException(model.inputs() + ": '" + input.name() + "' is " + array
                        + ", but the device declares " + input.describe());
            }
            inputs.add(array.data());
        }
        return inputs;
    }

    private static void requireSameOutputs(String model, List<Channel> channels, Inference[] inferences) {
        for (int c = 1; c < channels.size(); c++) {
            for (int i = 0; i < inferences[0].outputs().size(); i++) {
                if (!Arrays.equals(inferences[0].outputs().get(i), inferences[c].outputs().get(i))) {
                    throw new IllegalStateException("output " + i + " of " + model + " differs between the "
                            + channels.get(0).name() + " and the " + channels.get(c).name() + " on the same inputs");
                }
            }
        }
    }
}
