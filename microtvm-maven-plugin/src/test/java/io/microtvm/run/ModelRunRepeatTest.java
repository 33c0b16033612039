package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.BuildLog;
import io.microtvm.bench.RawPipeTransport;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.rpc.HostDrivenFirmware;
import io.microtvm.rpc.TappedTransport;
import io.microtvm.rpc.client.RpcCode;
import io.microtvm.rpc.framing.ReceivedFrame;
import io.microtvm.rpc.framing.Unframer;
import io.microtvm.run.hostdriven.HostDrivenModel;
import io.microtvm.run.standalone.Frame;
import io.microtvm.run.standalone.FrameDecoder;
import io.microtvm.run.standalone.RequestType;
import io.microtvm.run.standalone.TransportOrigin;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.Transport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code repeat} against real firmware, counting what crosses the wire: the host template's
 * {@code build/main}, standalone and host-driven (TVM's CRT RPC server), each on a raw pipe tapped
 * by the test, driven by {@link ModelRun} as the run goal drives it. Inputs go up once, every
 * repetition is one run, outputs come down once (host-driven: also after the first run, to compare);
 * a firmware whose outputs change from run to run fails the run.
 */
class ModelRunRepeatTest {
    static final Path REPO = HostDrivenFirmware.REPO;
    static final Path FIXTURES = HostDrivenFirmware.FIXTURES;
    static final Template HOST = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);
    static final ServerSettings SETTINGS = new ServerSettings("python3", Duration.ofSeconds(30),
            Duration.ofSeconds(120), line -> { });
    static final int REPEAT = 5;
    // the protocol's smallest max payload: every tensor of conv_small travels in several chunks
    static final int MAX_PAYLOAD = 16;

    @TempDir
    static Path projects;
    static GeneratedProject convSmall;
    static GeneratedProject perturbedSine;

    @BeforeAll
    static void buildStandaloneFirmware() throws Exception {
        convSmall = build("conv_small", FIXTURES.resolve("conv_small.tar"),
                "-O2 -DMTVM_PROTOCOL_MAX_PAYLOAD=" + MAX_PAYLOAD);
        // the test-only flag: from the 2nd RUN on, output 0 changes by the run's number
        perturbedSine = build("sine_perturbed", REPO.resolve("example/model/sine.tar"),
                "-O2 -DMTVM_TEST_PERTURB_FROM_RUN=2");
    }

    private static GeneratedProject build(String name, Path mlf, String cflags) throws Exception {
        Path dir = projects.resolve(name);
        new ProjectCreator(SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(mlf, HOST, dir,
                Map.of("cflags", cflags), false, "test"));
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, SETTINGS, BuildLog.NONE);
        return project;
    }

    private static ModelRun.Request request(GeneratedProject project, Path dir, String fixture, int repeat,
                                            RunProtocol protocol) {
        Path inputs = fixture == null ? null : dir.resolve(fixture + ".inputs.npz");
        Path expected = fixture == null ? null : dir.resolve(fixture + ".outputs.npz");
        return new ModelRun.Request(project, inputs, FillMode.RANDOM, 7, expected, new Tolerance(null, null), repeat,
                Map.of(), protocol);
    }

    /** The run on the project's build/main over a tapped raw pipe; {@code tap} gets what the host wrote after the handshake. */
    private static RunResult runTapped(GeneratedProject project, ModelRun.Request request, List<byte[]> tap)
            throws Exception {
        return runTapped(project, request, tap, false);
    }

    /** @param asVersion10 whether the firmware's replies reach the host as a 1.0 firmware sends them */
    private static RunResult runTapped(GeneratedProject project, ModelRun.Request request, List<byte[]> tap,
                                       boolean asVersion10) throws Exception {
        Path program = project.dir().resolve("build/main");
        Transport pipe = RawPipeTransport.start(program, project.dir());
        try (TappedTransport t = new TappedTransport(asVersion10 ? new FakeVersion10Firmware(pipe) : pipe)) {
            ModelRun run = new ModelRun(SETTINGS, BuildLog.NONE);
            HostDrivenModel model = request.protocol() == RunProtocol.HOST_DRIVEN
                    ? HostDrivenModel.read(project.dir()) : null;
            // a pipe the test started, tapped: every tensor stays on it (no host files), as on a user's link
            DeviceSession session = run.openSession(request.protocol(), t, ModelRun.DIRECT_LINK_TIMEOUTS, model,
                    TransportOrigin.USER_LINK);
            int opened = t.written().length;
            RunResult result = run.runOn(session, request);
            byte[] written = t.written();
            tap.add(Arrays.copyOfRange(written, opened, written.length));
            return result;
        }
    }

    // ---- standalone ----

    /** (type, index, offset) of every standalone request in {@code wire}; index and offset -1 where there are none. */
    private static List<long[]> standaloneRequests(byte[] wire) {
        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(wire);
        List<long[]> requests = new ArrayList<>();
        for (Optional<Frame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
            ByteBuffer p = ByteBuffer.wrap(f.get().payload()).order(ByteOrder.LITTLE_ENDIAN);
            boolean indexed = f.get().type() == RequestType.SET_INPUT.type()
                    || f.get().type() == RequestType.GET_OUTPUT.type();
            requests.add(indexed ? new long[] {f.get().type(), p.getShort() & 0xFFFF, p.getInt() & 0xFFFF_FFFFL}
                    : new long[] {f.get().type(), -1, -1});
        }
        return requests;
    }

    /** (index, offset) of each chunk of one whole transfer of every tensor, chunks of {@code chunk} bytes. */
    private static List<List<Long>> oneTransferOfEach(List<TensorSpec> tensors, int chunk) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            for (long offset = 0; offset < tensors.get(i).sizeBytes(); offset += chunk) {
                chunks.add(List.of((long) i, offset));
            }
        }
        return chunks;
    }

    private static List<List<Long>> chunksOf(List<long[]> requests, RequestType type) {
        return requests.stream().filter(r -> r[0] == type.type()).map(r -> List.of(r[1], r[2])).toList();
    }

    @Test
    void standaloneRepeatUploadsEachInputOnceRunsFiveTimesAndDownloadsEachOutputOnce() throws Exception {
        List<byte[]> tap = new ArrayList<>();
        RunResult result = runTapped(convSmall, request(convSmall, FIXTURES, "conv_small", REPEAT,
                RunProtocol.STANDALONE), tap);

        List<long[]> requests = standaloneRequests(tap.get(0));
        assertThat(chunksOf(requests, RequestType.SET_INPUT)).as("every chunk of every input, once")
                .isEqualTo(oneTransferOfEach(result.inputs(), MAX_PAYLOAD - 6)).hasSizeGreaterThan(1);
        assertThat(requests.stream().filter(r -> r[0] == RequestType.RUN.type())).hasSize(REPEAT);
        List<TensorSpec> outputs = new ArrayList<>();
        result.outputs().values().forEach(a -> outputs.add(new TensorSpec("o", a.dtype(), a.shape(), true,
                a.byteCount())));
        assertThat(chunksOf(requests, RequestType.GET_OUTPUT)).as("every chunk of every output, once")
                .isEqualTo(oneTransferOfEach(outputs, MAX_PAYLOAD)).hasSizeGreaterThan(1);
        assertThat(requests).as("nothing else after the handshake").hasSize(
                chunksOf(requests, RequestType.SET_INPUT).size() + REPEAT + chunksOf(requests, RequestType.GET_OUTPUT).size());

        assertThat(result.checks()).as("TVM's reference outputs").isNotEmpty().allMatch(OutputCheck::passed);
        assertThat(result.runs()).hasSize(REPEAT).allMatch(t -> t.deviceSeconds() > 0);
        assertThat(result.repeatChecks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).as(c.message()).isTrue();
            assertThat(c.method()).isEqualTo(RepeatCheck.Method.DEVICE_DIGEST);
            assertThat(c.comparedRuns()).containsExactly(2, 3, 4, 5);
        });
        assertThat(result.allChecksPassed()).isTrue();
    }

    @Test
    void aFirmwareWhoseOutputsChangeFromTheSecondRunOnFailsTheRunByItsDigests() throws Exception {
        List<byte[]> tap = new ArrayList<>();
        RunResult result = runTapped(perturbedSine, request(perturbedSine, REPO.resolve("example/model"), "sine",
                REPEAT, RunProtocol.STANDALONE), tap);

        assertThat(chunksOf(standaloneRequests(tap.get(0)), RequestType.GET_OUTPUT)).as("still one download")
                .hasSize(1);
        assertThat(result.repeatChecks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.method()).isEqualTo(RepeatCheck.Method.DEVICE_DIGEST);
            assertThat(c.differingRuns()).containsExactly(2, 3, 4, 5);
            assertThat(c.message()).contains("output_0 differs from run to run", "after run 2 is "
                    + OutputDigest.format(c.differingDigest()), "after run 1 " + OutputDigest.format(c.firstDigest()));
        });
        assertThat(result.allChecksPassed()).isFalse();
    }

    @Test
    void theSameFirmwareRunOnceHasNothingToCompareAndPasses() throws Exception {
        RunResult result = runTapped(perturbedSine, request(perturbedSine, REPO.resolve("example/model"), "sine", 1,
                RunProtocol.STANDALONE), new ArrayList<>());

        assertThat(result.repeatChecks()).isEmpty();
        assertThat(result.allChecksPassed()).isTrue();
    }

    /**
     * The real firmware's replies as a standalone 1.0 firmware would send them: the HELLO reply says
     * minor version 0 and the RUN reply ends after the ticks (no output digest). Each frame is decoded
     * and encoded again with its CRC; anything between frames is dropped.
     */
    static final class FakeVersion10Firmware implements Transport {
        private final Transport firmware;
        private final FrameDecoder decoder = new FrameDecoder();
        private final java.io.ByteArrayOutputStream ready = new java.io.ByteArrayOutputStream();

        FakeVersion10Firmware(Transport firmware) {
            this.firmware = firmware;
        }

        @Override
        public void write(byte[] data, Duration timeout) throws DeviceException {
            firmware.write(data, timeout);
        }

        @Override
        public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
            while (ready.size() == 0) {
                decoder.feed(firmware.read(16 * 1024, timeout));
                for (Optional<Frame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
                    byte[] payload = f.get().payload();
                    if (f.get().type() == RequestType.HELLO.replyType()) {
                        payload[1] = 0;
                        payload = Arrays.copyOf(payload, payload.length - 4); // 1.0 has no capabilities
                    } else if (f.get().type() == RequestType.RUN.replyType()) {
                        payload = Arrays.copyOf(payload, 12);
                    }
                    ready.writeBytes(new Frame(f.get().type(), f.get().seq(), payload).encode());
                }
            }
            byte[] all = ready.toByteArray();
            int n = Math.min(maxBytes, all.length);
            ready.reset();
            ready.write(all, n, all.length - n);
            return Arrays.copyOf(all, n);
        }

        @Override
        public void close() throws DeviceException {
            firmware.close();
        }

        @Override
        public String describe() {
            return firmware.describe() + " (as a 1.0 firmware)";
        }
    }

    @Test
    void aVersion10FirmwareHasTheFirstAndTheLastRunsOutputsDownloadedAndComparedOnTheHost() throws Exception {
        List<byte[]> tap = new ArrayList<>();
        RunResult result = runTapped(convSmall, request(convSmall, FIXTURES, "conv_small", REPEAT,
                RunProtocol.STANDALONE), tap, true);

        List<long[]> requests = standaloneRequests(tap.get(0));
        assertThat(chunksOf(requests, RequestType.SET_INPUT)).isEqualTo(oneTransferOfEach(result.inputs(),
                MAX_PAYLOAD - 6));
        assertThat(requests.stream().filter(r -> r[0] == RequestType.RUN.type())).hasSize(REPEAT);
        List<List<Long>> download = chunksOf(requests, RequestType.GET_OUTPUT);
        assertThat(download).as("every output after run 1 and after run 5").hasSizeGreaterThan(2)
                .isEqualTo(java.util.stream.Stream.concat(download.subList(0, download.size() / 2).stream(),
                        download.subList(0, download.size() / 2).stream()).toList());
        assertThat(result.checks()).isNotEmpty().allMatch(OutputCheck::passed);
        assertThat(result.runs()).hasSize(REPEAT).allMatch(t -> t.deviceSeconds() > 0);
        assertThat(result.repeatChecks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).as(c.message()).isTrue();
            assertThat(c.method()).isEqualTo(RepeatCheck.Method.HOST_COMPARISON);
        });
    }

    @Test
    void aVersion10FirmwareWhoseOutputsChangeIsCaughtByTheComparisonOnTheHost() throws Exception {
        RunResult result = runTapped(perturbedSine, request(perturbedSine, REPO.resolve("example/model"), "sine",
                REPEAT, RunProtocol.STANDALONE), new ArrayList<>(), true);

        assertThat(result.repeatChecks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.method()).isEqualTo(RepeatCheck.Method.HOST_COMPARISON);
            assertThat(c.differingRuns()).containsExactly(REPEAT);
            // run 5 changed byte 0 of output 0 by its number
            assertThat(c.message()).contains("output_0 differs between run 1 and run 5", "first at byte 0");
        });
        assertThat(result.allChecksPassed()).isFalse();
    }

    // ---- host-driven ----

    /** The RPC codes of every request in {@code wire} (session Normal messages). */
    private static List<Integer> rpcCodes(byte[] wire) {
        Unframer unframer = new Unframer();
        unframer.feed(wire);
        List<Integer> codes = new ArrayList<>();
        for (Optional<ReceivedFrame> f = unframer.next(); f.isPresent(); f = unframer.next()) {
            byte[] p = f.get().payload();
            // nonces, message type (Normal: 0x10), then the packet: u64 length, i32 code
            if (p.length >= 15 && p[2] == 0x10) {
                codes.add(ByteBuffer.wrap(p, 11, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            }
        }
        return codes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"two_io_aot_hd", "two_io_graph"})
    void hostDrivenRepeatCopiesTheInputsOnceAndTheOutputsAfterTheFirstAndTheLastRun(String fixture) throws Exception {
        GeneratedProject project = HostDrivenFirmware.project(fixture);
        List<byte[]> tap = new ArrayList<>();
        RunResult result = runTapped(project, request(project, FIXTURES, fixture, REPEAT, RunProtocol.HOST_DRIVEN),
                tap);

        // two_io: two inputs and two outputs of a few bytes, one packet each
        List<Integer> codes = rpcCodes(tap.get(0));
        assertThat(codes.stream().filter(c -> c == RpcCode.COPY_TO_REMOTE)).as("CopyToRemote: each input once")
                .hasSize(2);
        assertThat(codes.stream().filter(c -> c == RpcCode.COPY_FROM_REMOTE))
                .as("CopyFromRemote: each output after run 1 and after run " + REPEAT).hasSize(4);

        assertThat(result.checks()).hasSize(2).allMatch(OutputCheck::passed);
        assertThat(result.runs()).hasSize(REPEAT);
        assertThat(result.repeatChecks()).hasSize(2).allSatisfy(c -> {
            assertThat(c.passed()).as(c.message()).isTrue();
            assertThat(c.method()).isEqualTo(RepeatCheck.Method.HOST_COMPARISON);
            assertThat(c.comparedRuns()).containsExactly(REPEAT);
        });
    }
}
