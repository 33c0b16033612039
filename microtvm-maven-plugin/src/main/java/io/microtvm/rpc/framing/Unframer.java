package io.microtvm.rpc.framing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds frames in a byte stream (docs/microtvm-rpc.md, "Receiving frames"): bytes before an FF FD
 * marker are noise and skipped (boot banners, garbage); FF FF is a data FF, FF FE is skipped, FF FD
 * inside a frame abandons it and starts the next one there, FF + anything else abandons the frame.
 * Unlike the C receiver it keeps nothing of an abandoned frame, and it reports CRC mismatches
 * instead of hiding them. Not thread-safe.
 */
public final class Unframer {
    /** Largest payload accepted: generous (an Arduino device may send 8192) but bounded. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    private static final int SAMPLE_BYTES = 64;

    private enum State { FIND_START, LENGTH, PAYLOAD, CRC }

    private State state = State.FIND_START;
    private boolean escape;
    private int crc;
    private int fieldValue;
    private int fieldBytes;
    private int length;
    private ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private final ArrayDeque<ReceivedFrame> frames = new ArrayDeque<>();
    private final List<FramingError> errors = new ArrayList<>();
    private long noiseBytes;
    private final ByteArrayOutputStream noiseSample = new ByteArrayOutputStream();

    /** Feeds received bytes; complete frames become available from {@link #next()}. */
    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public void feed(byte[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            accept(data[i] & 0xFF);
        }
    }

    /** The next complete frame, oldest first. */
    public Optional<ReceivedFrame> next() {
        return Optional.ofNullable(frames.poll());
    }

    /** Frames abandoned so far, in order; cleared by {@link #takeErrors()}. */
    public List<FramingError> takeErrors() {
        List<FramingError> taken = List.copyOf(errors);
        errors.clear();
        return taken;
    }

    /** Bytes skipped outside frames so far. */
    public long noiseBytes() {
        return noiseBytes;
    }

    /** The first skipped bytes (up to 64), for messages about what the other side sends instead. */
    public byte[] noiseSample() {
        return noiseSample.toByteArray();
    }

    private void accept(int b) {
        if (state == State.FIND_START) {
            if (escape && b == Framer.PACKET_START) {
                escape = false;
                startFrame();
            } else if (b == Framer.ESCAPE) {
                if (escape) {
                    noise(Framer.ESCAPE); // FF FF FD still starts a frame: the second FF re-arms
                }
                escape = true;
            } else {
                if (escape) {
                    noise(Framer.ESCAPE);
                }
                escape = false;
                noise(b);
            }
            return;
        }
        crc = state == State.CRC ? crc : Crc16Ccitt.update(crc, b);
        if (escape) {
            escape = false;
            if (b == Framer.PACKET_START) {
                abandon(FramingError.SHORT_PACKET);
                startFrame();
                return;
            }
            if (b == Framer.NOP) {
                return;
            }
            if (b != Framer.ESCAPE) {
                abandon(FramingError.INVALID_ESCAPE);
                return;
            }
        } else if (b == Framer.ESCAPE) {
            escape = true;
            return;
        }
        data(b);
    }

    private void data(int b) {
        switch (state) {
            case LENGTH -> {
                fieldValue |= b << (8 * fieldBytes++);
                if (fieldBytes == 4) {
                    length = fieldValue;
                    if (length < 0 || length > MAX_PAYLOAD_BYTES) {
                        abandon(FramingError.OVERSIZE);
                        return;
                    }
                    fieldValue = 0;
                    fieldBytes = 0;
                    state = length == 0 ? State.CRC : State.PAYLOAD;
                }
            }
            case PAYLOAD -> {
                payload.write(b);
                if (payload.size() == length) {
                    state = State.CRC;
                }
            }
            case CRC -> {
                fieldValue |= b << (8 * fieldBytes++);
                if (fieldBytes == 2) {
                    frames.add(new ReceivedFrame(payload.toByteArray(), fieldValue == crc));
                    reset();
                }
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private void startFrame() {
        reset();
        state = State.LENGTH;
        crc = Crc16Ccitt.update(Crc16Ccitt.update(Crc16Ccitt.INITIAL, Framer.ESCAPE), Framer.PACKET_START);
    }

    private void abandon(FramingError error) {
        errors.add(error);
        reset();
    }

    private void reset() {
        state = State.FIND_START;
        escape = false;
        fieldValue = 0;
        fieldBytes = 0;
        length = 0;
        payload = new ByteArrayOutputStream();
    }

    private void noise(int b) {
        noiseBytes++;
        if (noiseSample.size() < SAMPLE_BYTES) {
            noiseSample.write(b);
        }
    }
}
