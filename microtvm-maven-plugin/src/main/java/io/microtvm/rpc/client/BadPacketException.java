package io.microtvm.rpc.client;

import io.microtvm.transport.DeviceException;

/** An RPC packet from the device could not be decoded. */
public final class BadPacketException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public BadPacketException(String message) {
        super(message);
    }
}
