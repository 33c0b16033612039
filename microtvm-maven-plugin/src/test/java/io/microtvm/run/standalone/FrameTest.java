package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frame format against the vectors of docs/standalone-protocol.md. */
class FrameTest {

    private static byte[] float32(float value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
    }

    @Test
    void crcIsCrc32WithItsCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Frame.crc32(check, 0, check.length)).isEqualTo(0xCBF43926L);
    }

    @Test
    void requestsEncodeToTheDocumentedBytes() {
        assertThat(new Frame(RequestType.HELLO.type(), 1, new byte[0]).encode()).isEqualTo(DocumentedFrames.HELLO);
        assertThat(new Frame(RequestType.SET_INPUT.type(), 2, Payloads.setInput(0, 0, float32(1.0f), 0, 4)).encode())
                .isEqualTo(DocumentedFrames.SET_INPUT);
        assertThat(new Frame(RequestType.RUN.type(), 3, new byte[0]).encode()).isEqualTo(DocumentedFrames.RUN);
        assertThat(new Frame(RequestType.GET_OUTPUT.type(), 4, Payloads.getOutput(0, 0, 4)).encode())
                .isEqualTo(DocumentedFrames.GET_OUTPUT);
        assertThat(new Frame(RequestType.SET_INPUT.type(), 5, Payloads.setInput(7, 0, float32(1.0f), 0, 4)).encode())
                .isEqualTo(DocumentedFrames.BAD_SET_INPUT);
    }

    @Test
    void repliesDecodeFromTheDocumentedBytes() {
        assertThat(decodeOnly(DocumentedFrames.SET_INPUT_REPLY)).isEqualTo(new Frame(0x82, 2, new byte[0]));
        assertThat(decodeOnly(DocumentedFrames.RUN_REPLY)).isEqualTo(new Frame(0x83, 3,
                WireBytes.of("00 00 00 00 C4 09 00 00 00 00 00 00 0D 54 41 CC")));
        assertThat(decodeOnly(DocumentedFrames.GET_OUTPUT_REPLY)).isEqualTo(new Frame(0x84, 4, float32(0.8512435f)));
        Frame error = decodeOnly(DocumentedFrames.ERROR);
        assertThat(error.type()).isEqualTo(Frame.ERROR_TYPE);
        assertThat(error.seq()).isEqualTo(5);
        Frame hello = decodeOnly(DocumentedFrames.HELLO_REPLY);
        assertThat(hello.type()).isEqualTo(RequestType.HELLO.replyType());
        assertThat(hello.payload()).hasSize(137); // 133 in 1.0, then the u32 capabilities of 1.1
    }

    @Test
    void everyFrameSurvivesAnEncodeDecodeRoundTrip() {
        for (byte[] wire : DocumentedFrames.byTitle().values()) {
            assertThat(decodeOnly(wire).encode()).isEqualTo(wire);
        }
    }

    @Test
    void theDocumentShowsExactlyTheseFrames() throws Exception {
        Map<String, byte[]> documented = DocumentedFrames.readFromDocument();
        Map<String, byte[]> expected = DocumentedFrames.byTitle();

        assertThat(documented.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((title, bytes) -> assertThat(documented.get(title)).as(title).isEqualTo(bytes));
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new Frame(256, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Frame(1, -1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Frame(1, 0, new byte[Frame.MAX_PAYLOAD + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536 bytes");
    }

    private static Frame decodeOnly(byte[] wire) {
        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(wire);
        Frame frame = decoder.next().orElseThrow(() -> new AssertionError("no frame decoded"));
        assertThat(decoder.next()).isEmpty();
        assertThat(decoder.droppedBytes()).isZero();
        return frame;
    }
}
