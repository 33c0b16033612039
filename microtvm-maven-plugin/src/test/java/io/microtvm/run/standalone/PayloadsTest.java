package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reply payloads as documented, and what is wrong with broken ones. */
class PayloadsTest {
    static final String SINE_SHA256 = "b0233b763aabb1bbcab892209625cbf93c1bfa3f99cc9fc58647375db1f07fa2";

    private static byte[] payloadOf(byte[] wire) {
        FrameDecoder d = new FrameDecoder();
        d.feed(wire);
        return d.next().orElseThrow().payload();
    }

    @Test
    void theDocumentedHelloReplyDescribesSine() throws Exception {
        DeviceInfo info = Payloads.helloReply(payloadOf(DocumentedFrames.HELLO_REPLY), "test");

        assertThat(info.protocolVersion()).isEqualTo("1.1");
        assertThat(info.offersHostFiles()).isTrue();
        assertThat(info.maxPayload()).isEqualTo(1024);
        assertThat(info.modelId()).isEqualTo(SINE_SHA256);
        assertThat(info.ticksPerSecond()).isEqualTo(1_000_000_000L);
        assertThat(info.timerName()).isEqualTo("clock_gettime(CLOCK_MONOTONIC)");
        assertThat(info.inputs()).containsExactly(new TensorInfo("input", "float32", new long[] {1, 1}, true, 4));
        assertThat(info.outputs()).containsExactly(new TensorInfo("output", "float32", new long[] {1}, false, 4));
    }

    @Test
    void aHelloReplyOfVersionOneZeroOffersNoCapabilities() throws Exception {
        byte[] payload = payloadOf(DocumentedFrames.HELLO_REPLY);
        byte[] older = Arrays.copyOf(payload, payload.length - 4); // 1.0 ends with the tensor table
        older[1] = 0;

        DeviceInfo info = Payloads.helloReply(older, "test");

        assertThat(info.protocolVersion()).isEqualTo("1.0");
        assertThat(info.capabilities()).isZero();
        assertThat(info.offersHostFiles()).isFalse();
        assertThat(info.outputs()).containsExactly(new TensorInfo("output", "float32", new long[] {1}, false, 4));
    }

    @Test
    void fieldsAppendedByALaterMinorVersionAreIgnored() throws Exception {
        byte[] payload = payloadOf(DocumentedFrames.HELLO_REPLY);
        byte[] newer = Arrays.copyOf(payload, payload.length + 5);
        newer[1] = 3;

        DeviceInfo info = Payloads.helloReply(newer, "test");

        assertThat(info.protocolVersion()).isEqualTo("1.3");
        assertThat(info.outputs()).hasSize(1);
    }

    @Test
    void anotherMajorVersionIsRefusedBeforeItsFieldsAreRead() {
        assertThatThrownBy(() -> Payloads.helloReply(new byte[] {2, 7, (byte) 0xEE}, "the test device"))
                .isInstanceOfSatisfying(IncompatibleProtocolException.class, e -> {
                    assertThat(e.deviceMajor()).isEqualTo(2);
                    assertThat(e.deviceMinor()).isEqualTo(7);
                })
                .hasMessage("The device (the test device) speaks standalone protocol 2.7, but this plugin speaks"
                        + " 1.x. Generate, build and flash the project again with this plugin's template.");
    }

    @Test
    void aTruncatedHelloReplySaysWhereItEnds() {
        byte[] payload = payloadOf(DocumentedFrames.HELLO_REPLY);

        assertThatThrownBy(() -> Payloads.helloReply(Arrays.copyOf(payload, payload.length - 10), "dev"))
                .isInstanceOf(BadReplyException.class)
                .hasMessage("the HELLO reply from dev ends inside output 0's dimension 0 (after 125 of 127 bytes)");
    }

    @Test
    void aTooSmallMaxPayloadIsRefused() {
        byte[] payload = payloadOf(DocumentedFrames.HELLO_REPLY);
        payload[2] = 15;
        payload[3] = 0;

        assertThatThrownBy(() -> Payloads.helloReply(payload, "dev"))
                .isInstanceOf(BadReplyException.class)
                .hasMessageContaining("max payload of 15 bytes, below the protocol's minimum of 16");
    }

    @Test
    void theDocumentedErrorBecomesATypedException() throws Exception {
        DeviceErrorException e = Payloads.error(payloadOf(DocumentedFrames.ERROR), RequestType.SET_INPUT, "dev");

        assertThat(e.request()).isEqualTo(RequestType.SET_INPUT);
        assertThat(e.code()).isEqualTo(3);
        assertThat(e.knownCode()).contains(DeviceErrorCode.BAD_INDEX);
        assertThat(e.detail()).isEqualTo(7);
        assertThat(e.deviceMessage()).isEqualTo("no input with this index");
        assertThat(e).hasMessage(
                "The device (dev) refused SET_INPUT: BAD_INDEX (3), detail 7: no input with this index");
    }

    @Test
    void anErrorCodeOfALaterVersionIsShownByNumber() throws Exception {
        DeviceErrorException e = Payloads.error(FakeDevice.errorPayload(40, 0, "new"), RequestType.RUN, "dev");

        assertThat(e.knownCode()).isEmpty();
        assertThat(e).hasMessage("The device (dev) refused RUN: error code 40, detail 0: new");
    }

    @Test
    void theDocumentedRunReplyGivesTheDeviceTimeAndTheOutputDigest() throws Exception {
        RunTiming timing = Payloads.runReply(payloadOf(DocumentedFrames.RUN_REPLY), 1_000_000_000L, "dev");

        assertThat(timing.ticks()).isEqualTo(2500);
        assertThat(timing.seconds()).isEqualTo(2.5e-6);
        assertThat(timing.duration().toNanos()).isEqualTo(2500);
        // the CRC-32 of sine's output bytes in the documented GET_OUTPUT reply
        byte[] output = Arrays.copyOfRange(payloadOf(DocumentedFrames.GET_OUTPUT_REPLY), 0, 4);
        assertThat(timing.outputDigest()).hasValue(0xCC41540DL).hasValue(io.microtvm.run.OutputDigest.of(output));
    }

    @Test
    void aVersion10RunReplyHasTheDeviceTimeAndNoDigest() throws Exception {
        // 1.0 devices end the RUN reply after the ticks
        RunTiming timing = Payloads.runReply(WireBytes.of("00 00 00 00 C4 09 00 00 00 00 00 00"), 1_000_000_000L,
                "dev");

        assertThat(timing.ticks()).isEqualTo(2500);
        assertThat(timing.outputDigest()).isEmpty();
    }

    @Test
    void fieldsALaterMinorVersionAppendsAfterTheDigestAreIgnored() throws Exception {
        byte[] payload = payloadOf(DocumentedFrames.RUN_REPLY);
        byte[] newer = Arrays.copyOf(payload, payload.length + 6);

        RunTiming timing = Payloads.runReply(newer, 1_000_000_000L, "dev");

        assertThat(timing.ticks()).isEqualTo(2500);
        assertThat(timing.outputDigest()).hasValue(0xCC41540DL);
    }

    @Test
    void aRunReplyWithAFailureStatusIsAFailedRun() {
        byte[] payload = WireBytes.of("FF FF FF FF 00 00 00 00 00 00 00 00");

        assertThatThrownBy(() -> Payloads.runReply(payload, 1000, "dev"))
                .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                    assertThat(e.knownCode()).contains(DeviceErrorCode.RUN_FAILED);
                    assertThat(e.detail()).isEqualTo(-1);
                });
    }

    @Test
    void requestPayloadsAreLittleEndian() {
        assertThat(Payloads.setInput(0x0102, 0x03040506L, new byte[] {9, 8, 7}, 1, 2))
                .isEqualTo(WireBytes.of("02 01 06 05 04 03 08 07"));
        assertThat(Payloads.getOutput(1, 64, 16)).isEqualTo(WireBytes.of("01 00 40 00 00 00 10 00 00 00"));
        assertThat(Payloads.hostFile(2, "/t/x".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(WireBytes.of("02 00 04 00 \"/t/x\""));
        assertThat(List.of(RequestType.values())).extracting(RequestType::replyType)
                .containsExactly(0x81, 0x82, 0x83, 0x84, 0x85, 0x86);
    }
}
