package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.transport.DeviceGoneException;
import io.microtvm.transport.DeviceTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The session's handshake, chunking, deadlines and failures, against a device in memory. */
class StandaloneSessionTest {
    static final Duration CALL = Duration.ofSeconds(5);
    static final String MODEL_ID = "00".repeat(31) + "2a";

    static final DeviceInfo TWO_TENSORS = new DeviceInfo(1, 0, MODEL_ID,
            List.of(new TensorInfo("in", "int8", new long[] {25}, true, 25)),
            List.of(new TensorInfo("out", "float32", new long[] {10}, true, 40)),
            16, "test ticks", 1000);

    /** Answers like a working device with TWO_TENSORS: stores input chunks, serves out[i] = i. */
    static Function<Frame, List<byte[]>> working(DeviceInfo info, List<String> log) {
        return request -> {
            ByteBuffer p = ByteBuffer.wrap(request.payload()).order(ByteOrder.LITTLE_ENDIAN);
            return switch (request.type()) {
                case 0x01 -> List.of(FakeDevice.reply(request, 0x81, FakeDevice.helloPayload(info)));
                case 0x02 -> {
                    log.add("SET_INPUT " + p.getShort() + " @" + p.getInt() + " +" + p.remaining());
                    yield List.of(FakeDevice.reply(request, 0x82, new byte[0]));
                }
                case 0x03 -> List.of(FakeDevice.reply(request, 0x83,
                        ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putLong(1500).array()));
                case 0x04 -> {
                    int index = p.getShort();
                    int offset = p.getInt();
                    int length = p.getInt();
                    log.add("GET_OUTPUT " + index + " @" + offset + " +" + length);
                    byte[] chunk = new byte[length];
                    for (int i = 0; i < length; i++) {
                        chunk[i] = (byte) (offset + i);
                    }
                    yield List.of(FakeDevice.reply(request, 0x84, chunk));
                }
                default -> List.of(FakeDevice.reply(request, 0xFF, FakeDevice.errorPayload(1, request.type(), "?")));
            };
        };
    }

    @Test
    void uploadsAndDownloadsAreCutByTheDevicesMaxPayload() throws Exception {
        List<String> log = new ArrayList<>();
        FakeDevice device = new FakeDevice(working(TWO_TENSORS, log));
        StandaloneSession session = StandaloneSession.open(device, CALL);

        session.setInput(0, new byte[25], CALL);
        RunTiming timing = session.run(CALL);
        byte[] out = session.getOutput(0, CALL);

        assertThat(session.info()).isEqualTo(TWO_TENSORS);
        // 16 bytes of payload: 10 data bytes per SET_INPUT, 16 per GET_OUTPUT
        assertThat(log).containsExactly("SET_INPUT 0 @0 +10", "SET_INPUT 0 @10 +10", "SET_INPUT 0 @20 +5",
                "GET_OUTPUT 0 @0 +16", "GET_OUTPUT 0 @16 +16", "GET_OUTPUT 0 @32 +8");
        assertThat(timing.seconds()).isEqualTo(1.5);
        assertThat(out).hasSize(40);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void everyRequestHasTheNextSequenceNumber() throws Exception {
        FakeDevice device = new FakeDevice(working(TWO_TENSORS, new ArrayList<>()));
        StandaloneSession session = StandaloneSession.open(device, CALL);
        session.run(CALL);
        session.run(CALL);

        int first = device.received.get(0).seq();
        assertThat(device.received).extracting(Frame::seq)
                .containsExactly(first, (first + 1) & 0xFF, (first + 2) & 0xFF);
    }

    @Test
    void helloIsSentAgainUntilTheDeviceAnswers() throws Exception {
        int[] hellos = {0};
        FakeDevice device = new FakeDevice(request -> ++hellos[0] < 3 ? List.of()
                : working(TWO_TENSORS, new ArrayList<>()).apply(request));

        long start = System.nanoTime();
        StandaloneSession.open(device, CALL);

        assertThat(device.received(RequestType.HELLO)).hasSize(3);
        // pauses of 200 and 400 ms between the three
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aLateAnswerToAnEarlierHelloIsAcceptedAndLaterOnesSkipped() throws Exception {
        List<Frame> unanswered = new ArrayList<>();
        Function<Frame, List<byte[]>> normal = working(TWO_TENSORS, new ArrayList<>());
        // the first HELLO is answered only when the second arrives, and then both are
        FakeDevice device = new FakeDevice(request -> {
            if (request.type() == 0x01 && unanswered.isEmpty()) {
                unanswered.add(request);
                return List.of();
            }
            List<byte[]> replies = new ArrayList<>();
            if (request.type() == 0x01) {
                replies.addAll(normal.apply(unanswered.get(0)));
            }
            replies.addAll(normal.apply(request));
            return replies;
        });

        StandaloneSession session = StandaloneSession.open(device, CALL);

        assertThat(session.run(CALL).ticks()).as("the second HELLO reply is not taken for the RUN reply")
                .isEqualTo(1500);
    }

    @Test
    void bootNoiseBeforeTheHelloReplyIsIgnored() throws Exception {
        FakeDevice device = new FakeDevice(working(TWO_TENSORS, new ArrayList<>()));
        device.say("*** Booting Zephyr OS ***\r\n\u00fa\u00ce".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(StandaloneSession.open(device, CALL).info().modelId()).isEqualTo(MODEL_ID);
    }

    @Test
    void aSilentDeviceTimesOutAtTheDeadline() {
        FakeDevice device = new FakeDevice(request -> List.of());

        long start = System.nanoTime();
        assertThatThrownBy(() -> StandaloneSession.open(device, Duration.ofMillis(900)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageMatching("No HELLO reply from the fake device within 900 ms \\(\\d+ HELLOs sent\\)\\. .*")
                .hasMessageContaining("speaks the standalone protocol");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2900));
    }

    @Test
    void aDeviceThatTalksSomethingElseIsQuoted() {
        FakeDevice device = new FakeDevice(request -> List.of("ready\n\0".getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> StandaloneSession.open(device, Duration.ofMillis(300)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining("bytes arrived that were not frames of the standalone protocol, the first"
                        + " ones: \"ready\\x0a\\x00");
    }

    @Test
    void aNewerMajorVersionIsRefused() {
        DeviceInfo v2 = new DeviceInfo(2, 1, MODEL_ID, List.of(), List.of(), 64, "t", 1);
        FakeDevice device = new FakeDevice(working(v2, new ArrayList<>()));

        assertThatThrownBy(() -> StandaloneSession.open(device, CALL))
                .isInstanceOf(IncompatibleProtocolException.class)
                .hasMessageContaining("speaks standalone protocol 2.1, but this plugin speaks 1.x");
    }

    @Test
    void anErrorFrameBecomesATypedException() throws Exception {
        Function<Frame, List<byte[]>> normal = working(TWO_TENSORS, new ArrayList<>());
        FakeDevice device = new FakeDevice(request -> request.type() == 0x03
                ? List.of(FakeDevice.reply(request, 0xFF, FakeDevice.errorPayload(6, -1, "the run failed")))
                : normal.apply(request));
        StandaloneSession session = StandaloneSession.open(device, CALL);

        assertThatThrownBy(() -> session.run(CALL))
                .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                    assertThat(e.knownCode()).contains(DeviceErrorCode.RUN_FAILED);
                    assertThat(e.detail()).isEqualTo(-1);
                    assertThat(e.deviceMessage()).isEqualTo("the run failed");
                })
                .hasMessage("The device (the fake device) refused RUN: RUN_FAILED (6), detail -1: the run failed");
    }

    @Test
    void aReplyOfTheWrongTypeIsABadReply() throws Exception {
        Function<Frame, List<byte[]>> normal = working(TWO_TENSORS, new ArrayList<>());
        FakeDevice device = new FakeDevice(request -> request.type() == 0x03
                ? List.of(FakeDevice.reply(request, 0x84, new byte[12])) : normal.apply(request));
        StandaloneSession session = StandaloneSession.open(device, CALL);

        assertThatThrownBy(() -> session.run(CALL))
                .isInstanceOf(BadReplyException.class)
                .hasMessage("The device (the fake device) answered RUN with a frame of type 0x84, expected 0x83");
    }

    @Test
    void aDeviceThatGoesAwayIsReported() throws Exception {
        FakeDevice device = new FakeDevice(working(TWO_TENSORS, new ArrayList<>()));
        StandaloneSession session = StandaloneSession.open(device, CALL);
        device.end();

        assertThatThrownBy(() -> session.run(CALL))
                .isInstanceOf(DeviceGoneException.class)
                .hasMessageStartingWith("The device went away while sending RUN: the fake device has ended");
    }

    @Test
    void aDeviceThatStopsAnsweringTimesOutAtTheDeadline() throws Exception {
        Function<Frame, List<byte[]>> normal = working(TWO_TENSORS, new ArrayList<>());
        FakeDevice device = new FakeDevice(request -> request.type() == 0x03 ? List.of() : normal.apply(request));
        StandaloneSession session = StandaloneSession.open(device, CALL);

        assertThatThrownBy(() -> session.run(Duration.ofMillis(250)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessage("No reply to RUN from the fake device within 250 ms");
    }

    @Test
    void wrongInputsAreRefusedBeforeAnythingIsSent() throws Exception {
        FakeDevice device = new FakeDevice(working(TWO_TENSORS, new ArrayList<>()));
        StandaloneSession session = StandaloneSession.open(device, CALL);

        assertThatThrownBy(() -> session.setInput(0, new byte[24], CALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input 0 'in' int8[25] takes 25 bytes, not 24");
        assertThatThrownBy(() -> session.setInput(1, new byte[25], CALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No input 1: the model has 1 input");
        assertThatThrownBy(() -> session.getOutput(-1, CALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No output -1: the model has 1 output");
        assertThat(device.received).hasSize(1);
    }
}
