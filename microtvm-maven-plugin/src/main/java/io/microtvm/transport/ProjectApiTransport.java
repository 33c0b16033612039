package io.microtvm.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.Fault;
import io.microtvm.projectapi.DirectChannel;
import io.microtvm.projectapi.IoTimeoutException;
import io.microtvm.projectapi.OpenedTransport;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.TransportClosedException;
import io.microtvm.projectapi.TransportTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Project API relay: bytes travel through the generated project's server with
 * {@code write_transport}/{@code read_transport} (base85 in JSON-RPC), so it works with any
 * template. Owns the server: closing the transport sends {@code close_transport} and stops it.
 */
public final class ProjectApiTransport implements Transport {
    private final ProjectApiClient server;
    private final Duration callSlack;
    private final OpenedTransport opened;
    private boolean closed;

    private ProjectApiTransport(ProjectApiClient server, Duration callSlack, OpenedTransport opened) {
        this.server = server;
        this.callSlack = callSlack;
        this.opened = opened;
    }

    /** {@link #open(ProjectApiClient, ObjectNode, Duration, Duration)} with one deadline for open and calls. */
    public static ProjectApiTransport open(ProjectApiClient server, ObjectNode options, Duration callSlack)
            throws DeviceException {
        return open(server, options, callSlack, callSlack);
    }

    /**
     * Calls {@code open_transport} on a running server of a generated project.
     *
     * @param openDeadline how long {@code open_transport} may take (it may boot an emulator)
     * @param callSlack    how much longer than a read/write timeout the JSON-RPC call itself may take
     *                     (the relay's own overhead); also the deadline of {@code close_transport}
     */
    public static ProjectApiTransport open(ProjectApiClient server, ObjectNode options, Duration openDeadline,
                                           Duration callSlack) throws DeviceException {
        try {
            return new ProjectApiTransport(server, callSlack, server.openTransport(options, openDeadline));
        } catch (ProjectApiException e) {
            server.close();
            // as transient as what failed: open_transport out of time (ours or the template's wait) may pass
            throw new DeviceException(Fault.DEVICE, "Could not open the transport of the project in "
                    + server.directory() + ": " + e.getMessage(), e, e.isTransient(), null);
        }
    }

    /** The session timeouts the template returned from {@code open_transport}. */
    public TransportTimeouts timeouts() {
        return opened.timeouts();
    }

    /** The direct channel the template offered besides this relay, if any. */
    public Optional<DirectChannel> directChannel() {
        return opened.directChannel();
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        try {
            server.writeTransport(data, seconds(timeout), timeout.plus(callSlack));
        } catch (IoTimeoutException e) {
            throw new DeviceTimeoutException("writing " + data.length + " bytes to " + describe()
                    + " did not finish within " + timeout.toMillis() + " ms", e);
        } catch (TransportClosedException e) {
            throw new DeviceGoneException(describe() + " closed while writing: the device is gone", e);
        } catch (ProjectApiException e) {
            throw new DeviceException("writing to " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        try {
            return server.readTransport(maxBytes, seconds(timeout), timeout.plus(callSlack));
        } catch (IoTimeoutException e) {
            throw new DeviceTimeoutException("no data from " + describe() + " within " + timeout.toMillis()
                    + " ms", e);
        } catch (TransportClosedException e) {
            throw new DeviceGoneException(describe() + " closed while reading: the device is gone", e);
        } catch (ProjectApiException e) {
            throw new DeviceException("reading from " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws DeviceException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server.isAlive()) {
                server.closeTransport(callSlack);
            }
        } catch (ProjectApiException e) {
            throw new DeviceException("close_transport failed on " + describe() + ": " + e.getMessage(), e);
        } finally {
            server.close();
            removeLeftoverChannel();
        }
    }

    /**
     * A server that was killed (a call past its deadline) could not remove its direct channel's
     * socket; once it is gone, that is done here. Only a dir named as the bundled templates name
     * theirs is touched, never whatever path a template happened to send.
     */
    private void removeLeftoverChannel() {
        opened.directChannel().map(DirectChannel::path).map(Path::getParent)
                .filter(dir -> dir.getFileName() != null
                        && dir.getFileName().toString().startsWith(DirectChannel.BUNDLED_DIR_PREFIX))
                .ifPresent(dir -> {
                    try {
                        Files.deleteIfExists(dir.resolve(opened.directChannel().get().path().getFileName()));
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        // not ours to insist on: another file in it means it is not the template's dir
                    }
                });
    }

    @Override
    public String describe() {
        return "the Project API transport of " + server.directory();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
