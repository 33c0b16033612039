package io.microtvm.rpc.session;

import io.microtvm.transport.DeviceException;

/**
 * The device sent TerminateSession after the session was established: it rebooted (it sends one
 * on every boot), so everything the host knew about it (handles, tensors) is gone.
 */
public final class DeviceResetException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public DeviceResetException(String message) {
        super(message);
    }
}
