package io.microtvm.projectapi;

import java.util.Optional;

/**
 * What {@code open_transport} returned: the session timeouts every template sends
 * (docs/project-api.md, "open_transport") and, from the bundled templates, a {@link DirectChannel}
 * to the device.
 */
public record OpenedTransport(TransportTimeouts timeouts, Optional<DirectChannel> directChannel) {
}
