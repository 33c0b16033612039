package io.microtvm.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A device UART reached over TCP ({@code socket://host:port}): ser2net, QEMU's {@code -serial tcp:}.
 * Connects to exactly the address given, nothing else.
 */
public final class SocketTransport implements Transport {
    private final SocketSpec address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BoundedCall worker;
    private volatile boolean closed;

    private SocketTransport(SocketSpec address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.worker = new BoundedCall("microtvm-socket " + address);
    }

    /** Connects to {@code spec} ({@code socket://host:port}) within {@code connectTimeout}. */
    public static SocketTransport open(String spec, Duration connectTimeout) throws DeviceException {
        return open(SocketSpec.parse(spec), connectTimeout);
    }

    static SocketTransport open(SocketSpec address, Duration connectTimeout) throws DeviceException {
        Socket socket = new Socket();
        try {
            // frames are small and request-response: don't let Nagle hold them back
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), atLeastOneMilli(connectTimeout));
            return new SocketTransport(address, socket);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new DeviceTimeoutException("Could not connect to " + address + " within "
                    + connectTimeout.toMillis() + " ms", e);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw DeviceException.notYetThere("Could not connect to " + address + ": unknown host " + address.host(),
                    e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw DeviceException.notYetThere("Could not connect to " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        ensureOpen();
        try {
            worker.run(() -> {
                out.write(data);
                out.flush();
            }, timeout);
        } catch (TimeoutException e) {
            // the peer stopped reading: closing is the only way to get the worker out of write()
            closeQuietly(socket);
            closed = true;
            throw new DeviceTimeoutException("writing " + data.length + " bytes to " + describe()
                    + " did not finish within " + timeout.toMillis() + " ms; the connection was closed", e);
        } catch (ExecutionException e) {
            throw new DeviceGoneException(describe() + " failed while writing: " + e.getCause().getMessage()
                    + "; the peer is gone", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while writing to " + describe(), e);
        }
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        ensureOpen();
        byte[] buffer = new byte[maxBytes];
        try {
            socket.setSoTimeout(atLeastOneMilli(timeout));
            int got = in.read(buffer, 0, maxBytes);
            if (got < 0) {
                throw new DeviceGoneException(describe() + " was closed by the peer: the device is gone", null);
            }
            return Arrays.copyOf(buffer, got);
        } catch (SocketTimeoutException e) {
            throw new DeviceTimeoutException("no data from " + describe() + " within " + timeout.toMillis()
                    + " ms", e);
        } catch (IOException e) {
            if (closed) {
                throw new DeviceException(describe() + " was closed while reading", e);
            }
            throw new DeviceGoneException(describe() + " failed while reading: " + e.getMessage()
                    + "; the device is gone", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
        worker.close();
    }

    @Override
    public String describe() {
        return "socket " + address;
    }

    private void ensureOpen() throws DeviceException {
        if (closed) {
            throw new DeviceException(describe() + " is closed");
        }
    }

    // 0 means "forever" to both connect and setSoTimeout; an expired deadline must not
    private static int atLeastOneMilli(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more can be done with a socket that will not close
        }
    }
}
