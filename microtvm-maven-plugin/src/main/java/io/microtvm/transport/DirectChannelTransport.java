package io.microtvm.transport;

import io.microtvm.projectapi.DirectChannel;
import io.microtvm.projectapi.TransportTimeouts;
import java.time.Duration;

/**
 * A template's direct channel with the relay it came from: bytes go over the channel, straight to
 * the device program, while the template's server stays up to own that program, and closing ends
 * both (the channel first, then {@code close_transport} and the server).
 */
public final class DirectChannelTransport implements Transport {
    private final ProjectApiTransport relay;
    private final UnixSocketTransport channel;

    private DirectChannelTransport(ProjectApiTransport relay, UnixSocketTransport channel) {
        this.relay = relay;
        this.channel = channel;
    }

    /**
     * Connects to the channel {@code relay}'s template offered. On failure the relay is left as it
     * was, still usable.
     *
     * @throws DeviceException no channel offered, one of a kind this client does not know, or no connection
     */
    public static DirectChannelTransport connect(ProjectApiTransport relay) throws DeviceException {
        DirectChannel offered = relay.directChannel().orElseThrow(() -> new DeviceException(
                "the template offered no direct channel"));
        if (!offered.supported()) {
            throw new DeviceException("the template offered a direct channel of kind '" + offered.kind()
                    + "' at " + offered.path() + ", which this plugin cannot use");
        }
        return new DirectChannelTransport(relay, UnixSocketTransport.connect(offered.path()));
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceException {
        channel.write(data, timeout);
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceException {
        return channel.read(maxBytes, timeout);
    }

    /** The session timeouts of the template's {@code open_transport}, as for the relay. */
    public TransportTimeouts timeouts() {
        return relay.timeouts();
    }

    @Override
    public void close() throws DeviceException {
        try {
            channel.close();
        } finally {
            relay.close();
        }
    }

    @Override
    public String describe() {
        return "the direct channel (" + channel.describe() + ") of " + relay.describe();
    }
}
