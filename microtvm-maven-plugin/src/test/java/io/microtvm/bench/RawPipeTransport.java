package io.microtvm.bench;

import io.microtvm.transport.DeviceException;
import io.microtvm.transport.DeviceGoneException;
import io.microtvm.transport.DeviceTimeoutException;
import io.microtvm.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bench's baseline channel: a program started here, spoken to over its own stdin and stdout,
 * with no Project API server, JSON-RPC or base85 in between. It is what the host template's
 * {@code open_transport} does inside its server, minus the relay.
 *
 * <p>Java cannot wait on a pipe with a timeout, so a reader thread moves stdout into a queue that
 * {@link #read} polls with its deadline (one thread hand-off per read, as the Project API client has
 * for its replies), and a watchdog kills the program when a write is still blocked past its
 * deadline. The program's stderr is discarded, as the relay's server discards it in the bench.
 */
public final class RawPipeTransport implements Transport {

    // the watchdog's granularity: a write past its deadline fails at most this much later
    private static final long WATCHDOG_PERIOD_MILLIS = 50;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    // queued once when stdout ends; compared by identity
    private static final byte[] END_OF_OUTPUT = new byte[0];
    private static final long NO_WRITE = Long.MIN_VALUE;

    private final Path program;
    private final Process process;
    private final OutputStream toProgram;
    private final InputStream fromProgram;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Thread watchdog;

    // System.nanoTime() by which the write in progress must end, or NO_WRITE
    private volatile long writeDeadlineNanos = NO_WRITE;
    private volatile boolean writeAbandoned;
    private volatile boolean closed;

    // the part of the last queued chunk that a read with a smaller maxBytes left behind
    private byte[] pending;
    private int pendingOffset;

    private RawPipeTransport(Path program, Process process) {
        this.program = program;
        this.process = process;
        this.toProgram = process.getOutputStream();
        this.fromProgram = process.getInputStream();
        this.reader = new Thread(this::pumpOutput, "raw-pipe-reader-" + process.pid());
        this.watchdog = new Thread(this::watchWrites, "raw-pipe-write-watchdog-" + process.pid());
        // daemons: a bench that fails half-way must not hang the JVM on them
        reader.setDaemon(true);
        watchdog.setDaemon(true);
    }

    /** Starts {@code program} in {@code workingDir} with its stdin and stdout as the channel. */
    public static RawPipeTransport start(Path program, Path workingDir) throws IOException {
        Process process = new ProcessBuilder(List.of(program.toString()))
                .directory(workingDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        RawPipeTransport transport = new RawPipeTransport(program, process);
        transport.reader.start();
        transport.watchdog.start();
        return transport;
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        requireOpen();
        writeAbandoned = false;
        writeDeadlineNanos = System.nanoTime() + timeout.toNanos();
        try {
            toProgram.write(data);
            toProgram.flush();
        } catch (IOException e) {
            if (writeAbandoned) {
                throw new DeviceTimeoutException("writing " + data.length + " bytes to " + describe()
                        + " did not finish within " + timeout.toMillis() + " ms; the program was killed", e);
            }
            throw new DeviceGoneException(describe() + " closed its stdin: " + e.getMessage(), e);
        } finally {
            writeDeadlineNanos = NO_WRITE;
        }
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        requireOpen();
        if (pending == null) {
            byte[] chunk;
            try {
                chunk = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("interrupted while reading from " + describe(), e);
            }
            if (chunk == null) {
                throw new DeviceTimeoutException("no data from " + describe() + " within "
                        + timeout.toMillis() + " ms", null);
            }
            if (chunk == END_OF_OUTPUT) {
                // put it back, so every later read reports the end as well
                received.add(END_OF_OUTPUT);
                throw new DeviceGoneException(describe() + " closed its stdout (the program exited)", null);
            }
            pending = chunk;
            pendingOffset = 0;
        }
        int count = Math.min(maxBytes, pending.length - pendingOffset);
        byte[] out = Arrays.copyOfRange(pending, pendingOffset, pendingOffset + count);
        pendingOffset += count;
        if (pendingOffset == pending.length) {
            pending = null;
        }
        return out;
    }

    /** Ends stdin, which makes the program exit; kills it only if it does not exit soon after. */
    @Override
    public void close() throws DeviceException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                toProgram.close();
            } catch (IOException e) {
                // the program is gone already: nothing left to tell it
            }
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            // the program has exited, so its stdout is at EOF and the reader ends on its own
            reader.join(EXIT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while closing " + describe(), e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            watchdog.interrupt();
            try {
                fromProgram.close();
            } catch (IOException e) {
                // closing a pipe whose writer has exited: nothing to report
            }
        }
    }

    @Override
    public String describe() {
        return "a raw pipe to " + program + " (pid " + process.pid() + ")";
    }

    private void requireOpen() throws DeviceGoneException {
        if (closed) {
            throw new DeviceGoneException(describe() + " is closed", null);
        }
    }

    private void pumpOutput() {
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            for (int n = fromProgram.read(buffer); n > 0; n = fromProgram.read(buffer)) {
                received.add(Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            // the stream was closed under us: the same as the end of the output
        } finally {
            received.add(END_OF_OUTPUT);
        }
    }

    private void watchWrites() {
        try {
            while (!closed) {
                long deadline = writeDeadlineNanos;
                if (deadline != NO_WRITE && System.nanoTime() - deadline > 0) {
                    writeAbandoned = true;
                    // killing the program breaks the pipe, which ends the blocked write with an error
                    process.destroyForcibly();
                    return;
                }
                Thread.sleep(WATCHDOG_PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            // close() stops the watchdog
        }
    }
}
