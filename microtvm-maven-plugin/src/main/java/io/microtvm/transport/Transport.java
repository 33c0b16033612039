package io.microtvm.transport;

import java.time.Duration;

/**
 * A byte channel to a device: the Project API relay, a serial port, a socket, a pipe. It knows
 * nothing of what the bytes mean. Every read and write has a deadline.
 */
public interface Transport extends AutoCloseable {

    /** Writes all of {@code data} within {@code timeout}, or throws. */
    void write(byte[] data, Duration timeout) throws DeviceException;

    /**
     * Reads between 1 and {@code maxBytes} bytes, waiting at most {@code timeout} for the first.
     *
     * @throws DeviceTimeoutException when nothing arrived in time
     * @throws DeviceGoneException   when the device side is gone
     */
    byte[] read(int maxBytes, Duration timeout) throws DeviceException;

    /** Closes the channel and whatever it started (a device process, an emulator). Idempotent. */
    @Override
    void close() throws DeviceException;

    /** What this transport talks to, for messages: "Project API relay of /p/project". */
    String describe();
}
