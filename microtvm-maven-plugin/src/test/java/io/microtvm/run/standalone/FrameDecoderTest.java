package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding frames in noisy, split, corrupted and truncated byte streams. */
class FrameDecoderTest {
    private final FrameDecoder decoder = new FrameDecoder();

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private List<Frame> drain() {
        List<Frame> frames = new ArrayList<>();
        for (Optional<Frame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
            frames.add(f.get());
        }
        return frames;
    }

    private static Frame frame(byte[] wire) {
        FrameDecoder d = new FrameDecoder();
        d.feed(wire);
        return d.next().orElseThrow();
    }

    @Test
    void bootMessagesBeforeAFrameAreSkipped() {
        byte[] noise = "U-Boot 2024.01\r\nbooting \u00fa\r\n".getBytes(StandardCharsets.ISO_8859_1);
        // a lone sync byte, and a sync pair whose "header" is noise with a huge length
        byte[] fakes = {(byte) 0xFA, 'x', (byte) 0xFA, (byte) 0xCE, 0x01, 0x02, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00};
        decoder.feed(concat(noise, fakes, DocumentedFrames.HELLO));

        assertThat(drain()).containsExactly(frame(DocumentedFrames.HELLO));
        assertThat(decoder.droppedBytes()).isEqualTo(noise.length + fakes.length);
        assertThat(new String(decoder.droppedSample(), StandardCharsets.ISO_8859_1)).startsWith("U-Boot 2024.01");
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void framesFedByteByByteAppearWithTheirLastByte() {
        byte[] stream = concat(DocumentedFrames.HELLO, DocumentedFrames.SET_INPUT);
        List<Integer> completedAt = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            decoder.feed(stream, i, 1);
            if (decoder.next().isPresent()) {
                completedAt.add(i);
            }
        }
        assertThat(completedAt).containsExactly(DocumentedFrames.HELLO.length - 1, stream.length - 1);
    }

    @Test
    void aCorruptedFrameIsDroppedAndTheNextOneFound() {
        byte[] corrupted = DocumentedFrames.SET_INPUT.clone();
        corrupted[16] ^= 0x01; // one bit of the float
        decoder.feed(concat(corrupted, DocumentedFrames.RUN));

        assertThat(drain()).containsExactly(frame(DocumentedFrames.RUN));
        assertThat(decoder.droppedBytes()).isEqualTo(corrupted.length);
    }

    @Test
    void aFrameWithABadCrcIsDropped() {
        byte[] badCrc = DocumentedFrames.HELLO.clone();
        badCrc[badCrc.length - 1] ^= (byte) 0x80;
        decoder.feed(concat(badCrc, DocumentedFrames.RUN, badCrc));

        assertThat(drain()).containsExactly(frame(DocumentedFrames.RUN));
    }

    @Test
    void aTruncatedFrameWaitsForItsRest() {
        byte[] whole = DocumentedFrames.GET_OUTPUT;
        decoder.feed(Arrays.copyOf(whole, whole.length - 3));
        assertThat(decoder.next()).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(whole.length - 3);

        decoder.feed(Arrays.copyOfRange(whole, whole.length - 3, whole.length));
        assertThat(drain()).containsExactly(frame(whole));
    }

    @Test
    void aTruncatedFrameThatNeverCompletesDoesNotHideTheNextOne() {
        // the cut frame's length swallows the start of the next one, its CRC fails, and the
        // search resumes inside the bytes it had claimed
        byte[] cut = Arrays.copyOf(DocumentedFrames.SET_INPUT, 12);
        decoder.feed(concat(cut, DocumentedFrames.HELLO));

        assertThat(drain()).containsExactly(frame(DocumentedFrames.HELLO));
        assertThat(decoder.droppedBytes()).isEqualTo(cut.length);
    }

    @Test
    void aDamagedLengthIsRejectedWithoutWaitingForItsPayload() {
        byte[] damaged = DocumentedFrames.SET_INPUT.clone();
        damaged[5] = 0x7F; // length 0x7F0A: the header check no longer matches
        decoder.feed(concat(damaged, DocumentedFrames.RUN));

        assertThat(drain()).containsExactly(frame(DocumentedFrames.RUN));
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void aLengthAboveTheLimitIsTakenForNoise() {
        FrameDecoder small = new FrameDecoder(16);
        byte[] tooLong = new Frame(RequestType.SET_INPUT.type(), 9, new byte[17]).encode();
        byte[] fits = new Frame(RequestType.SET_INPUT.type(), 10, new byte[16]).encode();
        small.feed(concat(tooLong, fits));

        assertThat(small.next()).contains(frame(fits));
        assertThat(small.droppedBytes()).isEqualTo(tooLong.length);
    }

    @Test
    void syncBytesInsideAPayloadAreJustData() {
        byte[] payload = {(byte) 0xFA, (byte) 0xCE, 0x01, 0x01, 0x00, 0x00};
        byte[] wire = new Frame(0x84, 7, payload).encode();
        decoder.feed(concat(wire, wire));

        assertThat(drain()).containsExactly(new Frame(0x84, 7, payload), new Frame(0x84, 7, payload));
        assertThat(decoder.droppedBytes()).isZero();
    }

    @Test
    void theSampleOfDroppedBytesCanBeRestarted() {
        decoder.feed("first".getBytes(StandardCharsets.US_ASCII));
        decoder.next();
        decoder.clearDroppedSample();
        decoder.feed("second".getBytes(StandardCharsets.US_ASCII));
        decoder.next();

        assertThat(new String(decoder.droppedSample(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(decoder.droppedBytes()).isEqualTo(11);
    }
}
