package io.microtvm.rpc.client;

import io.microtvm.transport.DeviceException;

/**
 * The device answered a request with kException. The CRT's message is often empty (functions
 * that only return an error code leave it unset), so the request is what the message names.
 */
public final class RemoteException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public RemoteException(String message) {
        super(message);
    }
}
