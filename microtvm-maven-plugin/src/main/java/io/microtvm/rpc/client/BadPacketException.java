package io.microtvm.rpc.client;

/** An RPC packet from the device could not be decoded. */
public final class BadPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadPacketException(String message) {
        super(message);
    }
}
