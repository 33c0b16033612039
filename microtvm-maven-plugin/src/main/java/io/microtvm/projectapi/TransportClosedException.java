package io.microtvm.projectapi;

import io.microtvm.Fault;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server raised {@code TransportClosedError}: the device transport is gone (EOF, a pulled cable,
 * or {@code close_transport} already ran). The device's fault, whatever wraps it.
 */
public final class TransportClosedException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    /** The error message the server sends for this error: the Python class name. */
    public static final String NAME = "TransportClosedError";

    public TransportClosedException(String method, JsonNode data) {
        super(method, NAME, data, Fault.DEVICE, false);
    }
}
