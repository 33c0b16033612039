package io.microtvm.rpc.executor;

import io.microtvm.transport.DeviceException;

/** The device has no function of a name the host needs: its firmware lacks a feature. */
public final class MissingFunctionException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public MissingFunctionException(String message) {
        super(message);
    }
}
