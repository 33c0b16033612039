package io.microtvm.run.standalone;

import java.util.Arrays;
import java.util.Optional;

/**
 * Finds frames in a byte stream that may also carry noise: boot messages, half-sent frames,
 * corrupted bytes. Bytes before a sync are dropped; a candidate with a wrong header check, a
 * length above the limit or a wrong CRC is rejected by dropping only its first byte, so a real
 * frame that began inside it is still found. The same rules as the device's
 * ({@code docs/standalone-protocol.md}).
 *
 * <p>Feed whatever the transport delivered, then take frames until there are none. Not thread-safe.
 */
public final class FrameDecoder {
    /** How many dropped bytes are kept to show a person what the device sent instead of frames. */
    static final int SAMPLE_BYTES = 64;

    private final int maxPayload;
    private byte[] buffer = new byte[512];
    private int length;
    private long droppedBytes;
    private final byte[] droppedSample = new byte[SAMPLE_BYTES];
    private int droppedSampleLength;

    /** A decoder that accepts any payload length the frame format allows. */
    public FrameDecoder() {
        this(Frame.MAX_PAYLOAD);
    }

    /** @param maxPayload longer announced payloads are taken for noise */
    public FrameDecoder(int maxPayload) {
        if (maxPayload < 0 || maxPayload > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be 0.." + Frame.MAX_PAYLOAD + ": " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** The next valid frame among the bytes fed so far, or empty when more bytes are needed. */
    public Optional<Frame> next() {
        while (true) {
            drop(syncCandidate());
            if (length < Frame.HEADER_BYTES) {
                return Optional.empty();
            }
            int payloadLength = u16(4);
            if (u16(6) != Frame.headerCheck(buffer, 2) || payloadLength > maxPayload) {
                // checked before waiting for the payload: a damaged length must not make us wait
                drop(1);
                continue;
            }
            int total = Frame.HEADER_BYTES + payloadLength + Frame.CRC_BYTES;
            if (length < total) {
                return Optional.empty();
            }
            long expected = u32(Frame.HEADER_BYTES + payloadLength);
            if (Frame.crc32(buffer, 2, Frame.HEADER_BYTES - 2 + payloadLength) != expected) {
                drop(1);
                continue;
            }
            Frame frame = new Frame(buffer[2] & 0xFF, buffer[3] & 0xFF,
                    Arrays.copyOfRange(buffer, Frame.HEADER_BYTES, Frame.HEADER_BYTES + payloadLength));
            consume(total);
            return Optional.of(frame);
        }
    }

    /** Bytes held that are not yet part of a returned frame. */
    public int bufferedBytes() {
        return length;
    }

    /** How many bytes were skipped as noise or as parts of broken frames. */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** The first bytes (up to 64) dropped since the start or {@link #clearDroppedSample()}, for messages. */
    public byte[] droppedSample() {
        return Arrays.copyOf(droppedSample, droppedSampleLength);
    }

    /** Starts a new {@link #droppedSample()}, e.g. at the start of a request. */
    public void clearDroppedSample() {
        droppedSampleLength = 0;
    }

    /** Index of the first byte that may start a sync; a lone FA at the end counts. */
    private int syncCandidate() {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == Frame.SYNC_0 && (i + 1 == length || buffer[i + 1] == Frame.SYNC_1)) {
                return i;
            }
        }
        return length;
    }

    private void drop(int count) {
        int sampled = Math.min(count, SAMPLE_BYTES - droppedSampleLength);
        System.arraycopy(buffer, 0, droppedSample, droppedSampleLength, sampled);
        droppedSampleLength += sampled;
        droppedBytes += count;
        consume(count);
    }

    private void consume(int count) {
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }

    private int u16(int at) {
        return (buffer[at] & 0xFF) | (buffer[at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return u16(at) | (long) u16(at + 2) << 16;
    }
}
