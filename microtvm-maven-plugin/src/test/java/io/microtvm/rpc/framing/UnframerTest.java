package io.microtvm.rpc.framing;

import static io.microtvm.rpc.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnframerTest {
    static final byte[] TERMINATE = bytes("fe ff fd 03 00 00 00 00 00 02 66 77");
    static final byte[] REPLY = bytes("ff fd 04 00 00 00 43 23 01 01 cc c0");

    private static List<ReceivedFrame> all(Unframer u) {
        List<ReceivedFrame> frames = new ArrayList<>();
        for (Optional<ReceivedFrame> f = u.next(); f.isPresent(); f = u.next()) {
            frames.add(f.get());
        }
        return frames;
    }

    @Test
    void decodesTheDevicesBootFrameAndAHandshakeReply() {
        Unframer u = new Unframer();
        u.feed(TERMINATE);
        u.feed(REPLY);
        List<ReceivedFrame> frames = all(u);
        assertThat(frames).hasSize(2).allMatch(ReceivedFrame::crcOk);
        assertThat(frames.get(0).payload()).isEqualTo(bytes("00 00 02"));
        assertThat(frames.get(1).payload()).isEqualTo(bytes("43 23 01 01"));
        assertThat(u.noiseBytes()).as("the FE preamble is skipped like noise").isEqualTo(1);
    }

    @Test
    void everyEncodedFrameDecodesToItsPayloadFedOneByteAtATime() {
        byte[] payload = bytes("43 23 10 ff ff fe fd ff fd 00 ff 01 fe");
        byte[] wire = Framer.encode(payload, true);
        Unframer u = new Unframer();
        for (byte b : wire) {
            u.feed(new byte[] {b});
        }
        List<ReceivedFrame> frames = all(u);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).crcOk()).isTrue();
        assertThat(frames.get(0).payload()).isEqualTo(payload);
    }

    @Test
    void noiseAndBootBannersBeforeAFrameAreSkipped() {
        Unframer u = new Unframer();
        u.feed("booting... hello \u00fe\u0000\u0001 garbage\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        u.feed(bytes("ff 00 ff ff"));
        u.feed(REPLY);
        List<ReceivedFrame> frames = all(u);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).payload()).isEqualTo(bytes("43 23 01 01"));
        assertThat(new String(u.noiseSample(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("booting...");
        assertThat(u.takeErrors()).isEmpty();
    }

    @Test
    void ffFeInsideAFrameIsSkipped() {
        Unframer u = new Unframer();
        // FF FE is covered by the CRC like every other raw byte
        byte[] withNop = bytes("ff fd 04 00 ff fe 00 00 43 23 01 01");
        int crc = Crc16Ccitt.of(withNop);
        u.feed(withNop);
        u.feed(new byte[] {(byte) crc, (byte) (crc >>> 8)});
        List<ReceivedFrame> frames = all(u);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).crcOk()).isTrue();
        assertThat(frames.get(0).payload()).isEqualTo(bytes("43 23 01 01"));
    }

    @Test
    void aLostByteMakesTheNextFrameStartInsideThisOneAndBothAreReported() {
        byte[] damaged = bytes("ff fd 04 00 00 00 43 23 01 cc c0"); // one payload byte lost
        Unframer u = new Unframer();
        u.feed(damaged);
        u.feed(REPLY);
        List<ReceivedFrame> frames = all(u);
        assertThat(u.takeErrors()).containsExactly(FramingError.SHORT_PACKET);
        assertThat(frames).as("the next frame is not lost with the damaged one").hasSize(1);
        assertThat(frames.get(0).crcOk()).isTrue();
        assertThat(frames.get(0).payload()).isEqualTo(bytes("43 23 01 01"));
    }

    @Test
    void aCorruptedByteFailsTheCrc() {
        byte[] corrupted = REPLY.clone();
        corrupted[8] ^= 0x04;
        Unframer u = new Unframer();
        u.feed(corrupted);
        List<ReceivedFrame> frames = all(u);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).crcOk()).isFalse();
    }

    @Test
    void anInvalidEscapeAbandonsTheFrame() {
        Unframer u = new Unframer();
        u.feed(bytes("ff fd 04 00 00 00 43 ff 00 01 01 cc c0"));
        u.feed(REPLY);
        assertThat(u.takeErrors()).containsExactly(FramingError.INVALID_ESCAPE);
        assertThat(all(u)).hasSize(1);
    }

    @Test
    void anOversizeLengthIsRefusedInsteadOfWaitingForAMegabyte() {
        Unframer u = new Unframer();
        u.feed(bytes("ff fd 00 00 00 7f"));
        assertThat(u.takeErrors()).containsExactly(FramingError.OVERSIZE);
        u.feed(REPLY);
        assertThat(all(u)).hasSize(1);
    }

    @Test
    void anEmptyPayloadIsAFrame() {
        Unframer u = new Unframer();
        u.feed(Framer.encode(new byte[0], false));
        List<ReceivedFrame> frames = all(u);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).crcOk()).isTrue();
        assertThat(frames.get(0).payload()).isEmpty();
    }
}
