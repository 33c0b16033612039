package io.microtvm.projectapi;

import java.util.Optional;

/**
 * What {@code open_transport} returned: the session timeouts every template sends (spec §2.5) and,
 * from the bundled templates, a {@link DirectChannel} to the device.
 */
public record OpenedTransport(TransportTimeouts timeouts, Optional<DirectChannel> directChannel) {
}
