package io.microtvm.rpc.session;

import io.microtvm.transport.DeviceException;

/**
 * Bytes were lost or corrupted between host and device (a bad CRC or a frame cut short). The
 * protocol has no retransmission, so the session cannot continue.
 */
public final class StreamDamagedException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public StreamDamagedException(String message) {
        super(message);
    }
}
