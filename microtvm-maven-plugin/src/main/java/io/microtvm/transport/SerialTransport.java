package io.microtvm.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.microtvm.BuildLog;
import io.microtvm.Deadline;
import io.microtvm.Fault;
import io.microtvm.LockFile;
import io.microtvm.Setting;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A device on a serial port (or a pseudo-terminal) through jSerialComm: 8N1, no flow control, raw.
 * jSerialComm's native library is loaded only when a port is opened, so goals without a serial
 * port never load native code.
 */
public final class SerialTransport implements Transport {
    // POSIX read timeouts count in deciseconds (VTIME): wait in slices of that and watch the deadline
    private static final int READ_SLICE_MS = 100;
    // small pieces, so a write that stalls is noticed and the in-flight data stays bounded
    private static final int WRITE_CHUNK_BYTES = 4096;

    private final SerialPort port;
    private final String portPath;
    private final BoundedCall worker;
    private final LockFile lock;
    private volatile boolean closed;

    private SerialTransport(SerialPort port, String portPath, LockFile lock) {
        this.port = port;
        this.portPath = portPath;
        this.lock = lock;
        this.worker = new BoundedCall("microtvm-serial " + portPath);
    }

    /**
     * Opens {@code portPath} (e.g. {@code /dev/ttyACM0}, {@code COM3}, a pty link) at {@code baudRate}.
     *
     * The port is locked for this transport until it is closed ({@link SerialPortLock}); a port
     * another build holds is waited for, within {@code openTimeout}.
     *
     * @param openTimeout how long opening may take before the port is given up as unresponsive
     */
    public static SerialTransport open(String portPath, int baudRate, Duration openTimeout)
            throws DeviceException {
        return open(portPath, baudRate, openTimeout, openTimeout, BuildLog.NONE);
    }

    /**
     * {@link #open(String, int, Duration)}, waiting up to {@code portWait} for another build that
     * has the port (a board shared by CI jobs: theirs may take minutes), logged on {@code log}.
     */
    public static SerialTransport open(String portPath, int baudRate, Duration openTimeout, Duration portWait,
                                       BuildLog log) throws DeviceException {
        NativeLibrarySettings.apply();
        SerialPort port;
        try {
            port = SerialPort.getCommPort(portPath);
        } catch (SerialPortInvalidPortException e) {
            // transient: a board re-enumerating after its flash is away for a moment
            throw new DeviceException(Fault.DEVICE, "Serial port " + portPath + " does not exist", e, true,
                    Setting.SERIAL_PORT);
        }
        LockFile lock = SerialPortLock.acquire(portPath, portWait, log);
        try {
            port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_SLICE_MS, 0);
            SerialTransport transport = new SerialTransport(port, portPath, lock);
            transport.openPort(openTimeout);
            return transport;
        } catch (DeviceException | RuntimeException e) {
            releaseQuietly(lock);
            throw e;
        }
    }

    private static void releaseQuietly(LockFile lock) {
        try {
            lock.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the descriptor at the latest
        }
    }

    private void openPort(Duration openTimeout) throws DeviceException {
        boolean opened;
        try {
            // openPort can hang on a wedged USB adapter; give it the same deadline as everything else
            worker.run(() -> {
                if (!port.openPort()) {
                    throw new PortNotOpened();
                }
            }, openTimeout);
            opened = true;
        } catch (TimeoutException e) {
            abandonOpen();
            throw new DeviceTimeoutException("Serial port " + portPath + " did not open within "
                    + openTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof PortNotOpened)) {
                closeQuietly();
                throw DeviceException.notYetThere("Serial port " + portPath + " could not be opened: "
                        + e.getCause(), e.getCause());
            }
            opened = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonOpen();
            throw new DeviceException("interrupted while opening serial port " + portPath, e);
        }
        // judge by openPort's result only: on a pty it succeeds and still leaves ENOTTY (25) behind
        if (!opened) {
            int code = port.getLastErrorCode();
            closeQuietly();
            throw DeviceException.notYetThere("Serial port " + portPath + " could not be opened (busy, in use by "
                    + "another program, or no permission; jSerialComm error code " + code + " at "
                    + port.getLastErrorLocation() + ")", null);
        }
    }

    /** openPort said no; the port's last error code says why. */
    private static final class PortNotOpened extends Exception {
        PortNotOpened() {
            super(null, null, false, false);
        }
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        ensureOpen();
        try {
            worker.run(() -> writeAll(data), timeout);
        } catch (TimeoutException e) {
            // Linux has no serial write timeout: closing the port is what unblocks the worker
            closeQuietly();
            throw new DeviceTimeoutException("writing " + data.length + " bytes to " + describe()
                    + " did not finish within " + timeout.toMillis() + " ms; the port was closed", e);
        } catch (ExecutionException e) {
            throw new DeviceGoneException(describe() + " failed while writing: " + e.getCause().getMessage()
                    + "; the device is gone", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while writing to " + describe(), e);
        }
    }

    private void writeAll(byte[] data) {
        for (int offset = 0; offset < data.length; ) {
            int length = Math.min(WRITE_CHUNK_BYTES, data.length - offset);
            int written = port.writeBytes(data, length, offset);
            if (written <= 0) {
                throw new IllegalStateException("the port accepted no bytes (jSerialComm error code "
                        + port.getLastErrorCode() + ")");
            }
            offset += written;
        }
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        ensureOpen();
        byte[] buffer = new byte[maxBytes];
        Deadline deadline = Deadline.after(timeout);
        do {
            int got = port.readBytes(buffer, maxBytes);
            if (got > 0) {
                return Arrays.copyOf(buffer, got);
            }
            if (got < 0) {
                if (closed) {
                    throw new DeviceException(describe() + " was closed while reading");
                }
                throw new DeviceGoneException(describe() + " returned end of data: the device is gone", null);
            }
        } while (!deadline.passed());
        throw new DeviceTimeoutException("no data from " + describe() + " within " + timeout.toMillis() + " ms", null);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closeQuietly();
    }

    /**
     * An openPort stuck in the kernel holds jSerialComm's configuration lock, which closePort takes
     * too: closing here would hang this thread as well. The close waits on the worker for the open
     * to return instead; the board's lock is released now, as this build no longer uses the port.
     */
    private void abandonOpen() {
        closed = true;
        worker.abandon(port::closePort);
        releaseQuietly(lock);
    }

    private void closeQuietly() {
        closed = true;
        port.closePort();
        worker.close();
        // only once the port is closed may the next build have the board
        releaseQuietly(lock);
    }

    @Override
    public String describe() {
        return "serial port " + portPath;
    }

    private void ensureOpen() throws DeviceException {
        if (closed) {
            throw new DeviceException(describe() + " is closed");
        }
    }
}
