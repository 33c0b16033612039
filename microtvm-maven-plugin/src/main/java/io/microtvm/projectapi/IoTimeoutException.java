package io.microtvm.projectapi;

import io.microtvm.Fault;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server raised {@code IoTimeoutError}: no data moved within the transport timeout of
 * {@code read_transport} or {@code write_transport}. Normal while waiting for a device; callers
 * usually treat it as "nothing yet". The device's fault, and transient: it may answer next time.
 */
public final class IoTimeoutException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    /** The error message the server sends for this error: the Python class name. */
    public static final String NAME = "IoTimeoutError";

    public IoTimeoutException(String method, JsonNode data) {
        super(method, NAME, data, Fault.DEVICE, true);
    }
}
