package io.microtvm.rpc;

import io.microtvm.transport.DeviceException;
import io.microtvm.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * A real transport with a tap for tests: records both directions, can put noise in front of what
 * the device sends, and can lose one byte in either direction, as a bad link would.
 */
public final class TappedTransport implements Transport {
    private final Transport inner;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private byte[] noise = new byte[0];
    private long dropWriteAt = -1;
    private byte[] dropAfter;
    private int dropAfterMatched;
    private long writeCount;

    public TappedTransport(Transport inner) {
        this.inner = inner;
    }

    /** The next read returns {@code bytes} before anything the device sent. */
    public void injectNoise(byte[] bytes) {
        noise = bytes.clone();
    }

    /** Loses the byte right after the next occurrence of {@code marker} in what the device sends. */
    public void loseReadByteAfter(byte[] marker) {
        dropAfter = marker.clone();
        dropAfterMatched = 0;
    }

    /** Loses the {@code n}-th byte (0-based) the host writes from now on. */
    public void loseWrittenByte(long n) {
        dropWriteAt = writeCount + n;
    }

    public byte[] written() {
        return written.toByteArray();
    }

    public byte[] read() {
        return read.toByteArray();
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : data) {
            if (writeCount++ != dropWriteAt) {
                out.write(b);
            }
        }
        written.writeBytes(out.toByteArray());
        inner.write(out.toByteArray(), timeout);
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        if (noise.length > 0) {
            byte[] n = noise;
            noise = new byte[0];
            return n;
        }
        byte[] data = inner.read(maxBytes, timeout);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : data) {
            if (dropAfter != null && dropAfterMatched == dropAfter.length) {
                dropAfter = null; // this byte is lost
                continue;
            }
            if (dropAfter != null) {
                dropAfterMatched = b == dropAfter[dropAfterMatched] ? dropAfterMatched + 1 : (b == dropAfter[0] ? 1 : 0);
            }
            out.write(b);
        }
        read.writeBytes(out.toByteArray());
        return out.size() > 0 ? out.toByteArray() : read(maxBytes, timeout);
    }

    @Override
    public void close() throws DeviceException {
        inner.close();
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
