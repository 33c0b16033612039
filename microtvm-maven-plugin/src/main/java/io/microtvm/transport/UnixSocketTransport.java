package io.microtvm.transport;

import io.microtvm.Deadline;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A device program reached over a Unix domain socket: the direct channel of a bundled template.
 * Non-blocking underneath: a read or write first tries at once, and only waits (in a selector,
 * bounded by its timeout) when the socket has nothing or no room; no thread besides the caller's.
 */
public final class UnixSocketTransport implements Transport {
    private final Path path;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private ByteBuffer readBuffer = ByteBuffer.allocate(0); // reused: reads come one after the other
    private boolean closed;

    private UnixSocketTransport(Path path, SocketChannel channel, Selector selector) throws IOException {
        this.path = path;
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
    }

    /**
     * Connects to the socket at {@code path}. A local socket connects at once or not at all (there
     * is nobody to wait for), so there is no connect timeout.
     */
    public static UnixSocketTransport connect(Path path) throws DeviceException {
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.configureBlocking(false);
            selector = Selector.open();
            return new UnixSocketTransport(path, channel, selector);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(selector);
            closeQuietly(channel);
            throw DeviceException.notYetThere("Could not connect to the socket " + path + ": " + e, e);
        }
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.wrap(data);
        Deadline deadline = Deadline.after(timeout);
        try {
            while (true) {
                channel.write(buffer);
                if (!buffer.hasRemaining()) {
                    return;
                }
                if (!await(SelectionKey.OP_WRITE, deadline)) {
                    throw new DeviceTimeoutException("writing " + data.length + " bytes to " + describe()
                            + " did not finish within " + timeout.toMillis() + " ms (" + buffer.remaining()
                            + " not written): the device does not read", null);
                }
            }
        } catch (IOException e) {
            throw new DeviceGoneException(describe() + " failed while writing: " + e.getMessage()
                    + "; the device is gone", e);
        }
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        ensureOpen();
        if (readBuffer.capacity() < maxBytes) {
            readBuffer = ByteBuffer.allocate(maxBytes);
        }
        ByteBuffer buffer = readBuffer.clear().limit(maxBytes);
        Deadline deadline = Deadline.after(timeout);
        try {
            while (true) {
                int got = channel.read(buffer);
                if (got < 0) {
                    throw new DeviceGoneException(describe()
                            + " was closed by the device program: the device is gone", null);
                }
                if (got > 0) {
                    return Arrays.copyOf(buffer.array(), got);
                }
                if (!await(SelectionKey.OP_READ, deadline)) {
                    throw new DeviceTimeoutException("no data from " + describe() + " within "
                            + timeout.toMillis() + " ms", null);
                }
            }
        } catch (IOException e) {
            throw new DeviceGoneException(describe() + " failed while reading: " + e.getMessage()
                    + "; the device is gone", e);
        }
    }

    /** Waits until the socket is ready for {@code operation}; false once {@code deadline} has passed. */
    private boolean await(int operation, Deadline deadline) throws IOException {
        key.interestOps(operation);
        try {
            while (true) {
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    return false;
                }
                // select takes whole milliseconds, and 0 would mean forever
                if (selector.select(Math.max(1, (left + 999_999) / 1_000_000)) > 0) {
                    selector.selectedKeys().clear();
                    return true;
                }
            }
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(selector);
        closeQuietly(channel);
    }

    @Override
    public String describe() {
        return "the socket " + path;
    }

    private void ensureOpen() throws DeviceException {
        if (closed) {
            throw new DeviceException(describe() + " is closed");
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // a channel or selector that will not close has nothing left to release
        }
    }
}
