package io.microtvm.rpc.session;

/**
 * A microTVM RPC session failed: no handshake, no reply in time, the device reset or went away,
 * or the byte stream was damaged. Messages name the transport and what was being done.
 */
public class MicroSessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public MicroSessionException(String message) {
        super(message);
    }

    public MicroSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
