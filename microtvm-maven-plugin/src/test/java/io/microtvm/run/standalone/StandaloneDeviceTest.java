package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.project.Digests;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ServerLauncher;
import io.microtvm.transport.DeviceGoneException;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol against the real device: host template projects generated and built from real
 * TVM models, whose build/main is reached through the project's Project API transport, as the
 * run goal will reach it.
 */
class StandaloneDeviceTest {
    static final Path REPO = DocumentedFrames.REPO;
    static final Path FIXTURES = REPO.resolve("it/fixtures");
    static final Template HOST = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);
    static final Duration CALL = Duration.ofSeconds(20);
    // float outputs: relative 1e-5, with an absolute floor for values near 0
    static final double RELATIVE_TOLERANCE = 1e-5;
    static final double ABSOLUTE_FLOOR = 1e-7;

    /**
     * A model and the reference data next to it.
     *
     * @param cflags for conv_small the smallest max payload the protocol allows, so that every
     *               input and output travels in several chunks
     */
    record Model(String name, Path dir, String cflags) {
        Path tar() {
            return dir.resolve(name + ".tar");
        }

        Path npz(String kind) {
            return dir.resolve(name + "." + kind + ".npz");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Model SINE = new Model("sine", REPO.resolve("example/model"), null);
    static final Model TWO_IO = new Model("two_io", FIXTURES, null);
    static final Model CONV_SMALL = new Model("conv_small", FIXTURES, "-O2 -DMTVM_PROTOCOL_MAX_PAYLOAD=16");
    static final Model MLP_INT8 = new Model("mlp_int8", FIXTURES, null);
    /** 64 KiB in, 64 KiB out: the size host files are for. */
    static final Model WIDE_IO = new Model("wide_io", FIXTURES, null);

    @TempDir
    static Path projects;

    @BeforeAll
    static void generateAndBuildEveryModel() throws Exception {
        ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(60), Duration.ofSeconds(300),
                line -> { });
        for (Model m : models().toList()) {
            Map<String, String> options = m.cflags() == null ? Map.of() : Map.of("cflags", m.cflags());
            new ProjectCreator(settings, BuildLog.NONE).create(
                    new ProjectCreator.Request(m.tar(), HOST, project(m), options, false, "test"));
            GeneratedProject.open(project(m)).build(Map.of(), false, settings, BuildLog.NONE);
        }
    }

    static Stream<Model> models() {
        return Stream.of(SINE, TWO_IO, CONV_SMALL, MLP_INT8, WIDE_IO);
    }

    static Path project(Model m) {
        return projects.resolve(m.name());
    }

    /** A running project server with its transport open, i.e. a running build/main. */
    record Device(ProjectApiClient server, ProjectApiTransport transport, List<String> serverLog)
            implements AutoCloseable {
        static Device start(Model m) throws Exception {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(project(m)), log::add);
            return new Device(server, ProjectApiTransport.open(server, JsonNodeFactory.instance.objectNode(),
                    Duration.ofSeconds(30)), log);
        }

        @Override
        public void close() throws Exception {
            transport.close();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void runsTheModelAndGivesTvmsOutputs(Model m) throws Exception {
        Map<String, NpyArray> inputs = NpyArray.readNpz(m.npz("inputs"));
        Map<String, NpyArray> expected = NpyArray.readNpz(m.npz("outputs"));

        try (Device device = Device.start(m)) {
            StandaloneSession session = StandaloneSession.open(device.transport(), CALL);
            DeviceInfo info = session.info();
            assertThat(info.protocolVersion()).isEqualTo("1.1");
            assertThat(info.offersHostFiles()).isTrue();
            assertThat(info.modelId()).isEqualTo(Digests.sha256(m.tar()));
            assertThat(info.timerName()).isEqualTo("clock_gettime(CLOCK_MONOTONIC)");
            assertThat(info.ticksPerSecond()).isEqualTo(1_000_000_000L);
            assertThat(info.maxPayload()).isEqualTo(m.cflags() == null ? 1024 : 16);
            assertThat(info.inputs()).extracting(TensorInfo::name).containsExactlyInAnyOrderElementsOf(inputs.keySet());
            assertThat(info.outputs()).hasSize(expected.size());

            for (int i = 0; i < info.inputs().size(); i++) {
                TensorInfo tensor = info.inputs().get(i);
                NpyArray sample = inputs.get(tensor.name());
                assertMatches(tensor, sample);
                session.setInput(i, sample.data(), CALL);
            }
            RunTiming timing = session.run(CALL);
            assertThat(timing.ticks()).isPositive();
            assertThat(timing.seconds()).isLessThan(1.0);

            for (int i = 0; i < info.outputs().size(); i++) {
                TensorInfo tensor = info.outputs().get(i);
                NpyArray reference = expected.get("output_" + i);
                assertMatches(tensor, reference);
                assertSameValues(tensor.name(), session.getOutput(i, CALL), reference);
            }
        }
    }

    /**
     * The same inputs once through host files (LOAD_INPUT/SAVE_OUTPUT, threshold 0: every tensor) and once over
     * the transport: the same output bytes, TVM's outputs. conv_small's device has a max payload of 16, which no
     * host path fits: it keeps to the transport.
     */
    @ParameterizedTest
    @MethodSource("models")
    void tensorsThroughHostFilesGiveTheOutputsOfTheChannel(Model m, @TempDir Path hostFiles) throws Exception {
        Map<String, NpyArray> inputs = NpyArray.readNpz(m.npz("inputs"));
        Map<String, NpyArray> expected = NpyArray.readNpz(m.npz("outputs"));
        List<byte[]> overFiles = runWith(m, inputs, new HostFileThreshold(0), hostFiles, m != CONV_SMALL);
        List<byte[]> overChannel = runWith(m, inputs, HostFileThreshold.NEVER, hostFiles, false);

        assertThat(overFiles).hasSameSizeAs(overChannel);
        for (int i = 0; i < overFiles.size(); i++) {
            assertThat(overFiles.get(i)).as("output " + i).isEqualTo(overChannel.get(i));
            assertSameValues("output " + i, overFiles.get(i), expected.get("output_" + i));
        }
        assertThat(hostFiles).isEmptyDirectory();
    }

    private static List<byte[]> runWith(Model m, Map<String, NpyArray> inputs, HostFileThreshold threshold,
                                        Path hostFiles, boolean byFiles) throws Exception {
        try (Device device = Device.start(m)) {
            StandaloneDeviceSession session = StandaloneDeviceSession.open(device.transport(), CALL, CALL, threshold,
                    TransportOrigin.TEMPLATE, BuildLog.NONE, hostFiles);
            for (int i = 0; i < session.inputs().size(); i++) {
                assertThat(session.inputByHostFile(i)).as("input " + i + " by host file").isEqualTo(byFiles);
                session.setInput(i, inputs.get(session.inputs().get(i).name()).data());
            }
            assertThat(session.run().seconds()).isPresent();
            List<byte[]> outputs = new ArrayList<>();
            for (int i = 0; i < session.outputs().size(); i++) {
                assertThat(session.outputByHostFile(i)).as("output " + i + " by host file").isEqualTo(byFiles);
                outputs.add(session.getOutput(i));
            }
            return outputs;
        }
    }

    @Test
    void aHostFileTheDeviceCannotUseIsRefusedWithHostFileFailed(@TempDir Path dir) throws Exception {
        try (Device device = Device.start(SINE)) {
            StandaloneSession session = StandaloneSession.open(device.transport(), CALL);
            Path missing = dir.resolve("no-such-dir/input.bin");
            assertThatThrownBy(() -> session.loadInput(0, missing.toString(), CALL))
                    .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                        assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED);
                        assertThat(e.detail()).isEqualTo(2); // ENOENT
                        assertThat(e.deviceMessage()).isEqualTo("cannot open the host file");
                    });
            Path shortFile = java.nio.file.Files.write(dir.resolve("short.bin"), new byte[3]); // the input has 4
            assertThatThrownBy(() -> session.loadInput(0, shortFile.toString(), CALL))
                    .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                        assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED);
                        assertThat(e.detail()).isEqualTo(3);
                    });
            assertThatThrownBy(() -> session.saveOutput(0, missing.toString(), CALL))
                    .isInstanceOfSatisfying(DeviceErrorException.class,
                            e -> assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED));
            assertDeviceError(session, RequestType.LOAD_INPUT, Payloads.hostFile(5, new byte[] {'/'}),
                    DeviceErrorCode.BAD_INDEX, 5);
            assertDeviceError(session, RequestType.SAVE_OUTPUT, new byte[3], DeviceErrorCode.BAD_LENGTH, 3);

            // the session goes on
            session.setInput(0, NpyArray.readNpz(SINE.npz("inputs")).get("input").data(), CALL);
            assertThat(session.run(CALL).ticks()).isPositive();
        }
    }

    private static void assertMatches(TensorInfo tensor, NpyArray array) {
        assertThat(tensor.dtype()).as(tensor.name()).isEqualTo(array.dtype());
        assertThat(tensor.sizeBytes()).as(tensor.name()).isEqualTo(array.data().length);
        long elements = Arrays.stream(array.shape()).reduce(1, (a, b) -> a * b);
        assertThat(tensor.shape()).as(tensor.name())
                .isEqualTo(tensor.shapeKnown() ? array.shape() : new long[] {elements});
    }

    private static void assertSameValues(String name, byte[] actual, NpyArray reference) {
        if (!reference.isFloat()) {
            assertThat(actual).as(name).isEqualTo(reference.data());
            return;
        }
        assertThat(reference.typeCode()).isEqualTo("f4");
        FloatBuffer got = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        FloatBuffer want = ByteBuffer.wrap(reference.data()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < want.limit(); i++) {
            float w = want.get(i);
            assertThat(got.get(i)).as(name + "[" + i + "]")
                    .isCloseTo(w, within((float) Math.max(RELATIVE_TOLERANCE * Math.abs(w), ABSOLUTE_FLOOR)));
        }
    }

    @Test
    void theDeviceAnswersTheWorkedExampleOfTheDocumentByteForByte() throws Exception {
        try (Device device = Device.start(SINE)) {
            Transport t = device.transport();
            assertThat(exchangeRaw(t, DocumentedFrames.HELLO, DocumentedFrames.HELLO_REPLY.length))
                    .isEqualTo(DocumentedFrames.HELLO_REPLY);
            assertThat(exchangeRaw(t, DocumentedFrames.SET_INPUT, DocumentedFrames.SET_INPUT_REPLY.length))
                    .isEqualTo(DocumentedFrames.SET_INPUT_REPLY);
            // the tick count varies (and with it the CRC): compare the frame apart from them
            byte[] run = exchangeRaw(t, DocumentedFrames.RUN, DocumentedFrames.RUN_REPLY.length);
            assertThat(Arrays.copyOf(run, 12)).isEqualTo(Arrays.copyOf(DocumentedFrames.RUN_REPLY, 12));
            assertThat(Arrays.copyOfRange(run, 20, 24)).as("the output digest")
                    .isEqualTo(Arrays.copyOfRange(DocumentedFrames.RUN_REPLY, 20, 24));
            assertThat(exchangeRaw(t, DocumentedFrames.GET_OUTPUT, DocumentedFrames.GET_OUTPUT_REPLY.length))
                    .isEqualTo(DocumentedFrames.GET_OUTPUT_REPLY);
            assertThat(exchangeRaw(t, DocumentedFrames.BAD_SET_INPUT, DocumentedFrames.ERROR.length))
                    .isEqualTo(DocumentedFrames.ERROR);
        }
    }

    @Test
    void noiseAndBrokenFramesBeforeHelloAreIgnoredSilently() throws Exception {
        byte[] badCrc = new Frame(RequestType.HELLO.type(), 9, new byte[0]).encode();
        badCrc[badCrc.length - 1] ^= 0x01;
        byte[] cut = Arrays.copyOf(new Frame(RequestType.HELLO.type(), 10, new byte[3]).encode(), 9);
        ByteArrayOutputStream noise = new ByteArrayOutputStream();
        noise.writeBytes("boot: starting\r\n\u00fa\u00ce\u00fa".getBytes(StandardCharsets.ISO_8859_1));
        noise.writeBytes(badCrc);
        noise.writeBytes(cut);

        try (Device device = Device.start(SINE)) {
            device.transport().write(noise.toByteArray(), CALL);
            // the first thing back is the answer to the valid HELLO: nothing for the broken ones
            assertThat(exchangeRaw(device.transport(), DocumentedFrames.HELLO, DocumentedFrames.HELLO_REPLY.length))
                    .isEqualTo(DocumentedFrames.HELLO_REPLY);

            device.transport().write("more noise".getBytes(StandardCharsets.US_ASCII), CALL);
            StandaloneSession session = StandaloneSession.open(device.transport(), CALL);
            session.setInput(0, NpyArray.readNpz(SINE.npz("inputs")).get("input").data(), CALL);
            session.run(CALL);
            NpyArray expected = NpyArray.readNpz(SINE.npz("outputs")).get("output_0");
            assertSameValues("output", session.getOutput(0, CALL), expected);
        }
    }

    @Test
    void badRequestsGetTypedErrorsAndTheSessionGoesOn() throws Exception {
        try (Device device = Device.start(TWO_IO)) {
            Frame unknown = sendRawAndDecode(device.transport(), new Frame(0x42, 9, new byte[0]));
            assertThat(unknown.type()).isEqualTo(Frame.ERROR_TYPE);
            assertThat(Payloads.error(unknown.payload(), RequestType.HELLO, "dev"))
                    .returns(DeviceErrorCode.UNKNOWN_TYPE.code(), DeviceErrorException::code)
                    .returns(0x42, DeviceErrorException::detail);

            StandaloneSession session = StandaloneSession.open(device.transport(), CALL);
            assertDeviceError(session, RequestType.SET_INPUT, Payloads.setInput(7, 0, new byte[1], 0, 1),
                    DeviceErrorCode.BAD_INDEX, 7);
            // input 1 is b: int8[1, 4]
            assertDeviceError(session, RequestType.SET_INPUT, Payloads.setInput(1, 2, new byte[4], 0, 4),
                    DeviceErrorCode.BAD_RANGE, 4);
            assertDeviceError(session, RequestType.SET_INPUT, new byte[3], DeviceErrorCode.BAD_LENGTH, 3);
            assertDeviceError(session, RequestType.RUN, new byte[1], DeviceErrorCode.BAD_LENGTH, 1);
            assertDeviceError(session, RequestType.GET_OUTPUT, Payloads.getOutput(2, 0, 4),
                    DeviceErrorCode.BAD_INDEX, 2);
            assertDeviceError(session, RequestType.GET_OUTPUT, Payloads.getOutput(0, 0, 2000),
                    DeviceErrorCode.TOO_LARGE, 1024);
            assertDeviceError(session, RequestType.GET_OUTPUT, Payloads.getOutput(1, 12, 8),
                    DeviceErrorCode.BAD_RANGE, 16);

            assertThat(session.run(CALL).ticks()).isPositive();
        }
    }

    private static void assertDeviceError(StandaloneSession session, RequestType type, byte[] payload,
            DeviceErrorCode code, int detail) {
        assertThatThrownBy(() -> session.exchange(type, payload, CALL))
                .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                    assertThat(e.request()).isEqualTo(type);
                    assertThat(e.knownCode()).contains(code);
                    assertThat(e.detail()).isEqualTo(detail);
                    assertThat(e.deviceMessage()).isNotBlank();
                });
    }

    @Test
    void aDeviceKilledMidSessionIsReportedPromptly() throws Exception {
        try (Device device = Device.start(SINE)) {
            StandaloneSession session = StandaloneSession.open(device.transport(), CALL);
            ProcessHandle main = ProcessHandle.of(device.server().pid()).orElseThrow().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/build/main")).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no build/main under the server"));

            // no waiting for its exit: it stays a zombie until the server reaps it, which is
            // what noticing the dead channel makes the server do
            assertThat(main.destroyForcibly()).isTrue();

            long start = System.nanoTime();
            assertThatThrownBy(() -> session.run(CALL))
                    .isInstanceOf(DeviceGoneException.class)
                    .hasMessageContaining("The device went away while")
                    .hasMessageContaining(project(SINE).toString());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** Writes {@code request} and reads exactly {@code replyBytes} bytes back. */
    private static byte[] exchangeRaw(Transport t, byte[] request, int replyBytes) throws Exception {
        t.write(request, CALL);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        while (reply.size() < replyBytes) {
            reply.writeBytes(t.read(replyBytes - reply.size(), CALL));
        }
        return reply.toByteArray();
    }

    private static Frame sendRawAndDecode(Transport t, Frame request) throws Exception {
        t.write(request.encode(), CALL);
        FrameDecoder decoder = new FrameDecoder();
        while (true) {
            var frame = decoder.next();
            if (frame.isPresent()) {
                return frame.get();
            }
            decoder.feed(t.read(1024, CALL));
        }
    }
}
