package io.microtvm.transport;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;

/**
 * Talking to the device failed, whatever carries the bytes and whatever protocol they speak: a
 * transport that would not open, a session without a handshake, a reply that breaks the protocol,
 * a request the device refused. The message names the transport and what was being done.
 * {@link Fault#DEVICE} unless the failure is known to lie elsewhere (a lock file that cannot be
 * written is the machine's; a missing address is the user's).
 */
public class DeviceException extends MicroTvmException {
    private static final long serialVersionUID = 1L;

    /** A device fault that trying again will not cure. */
    public DeviceException(String message) {
        this(message, null);
    }

    public DeviceException(String message, Throwable cause) {
        this(Fault.DEVICE, message, cause, false, null);
    }

    /**
     * @param transientFailure whether the same step, tried again, may succeed (a port not there yet)
     * @param setting          the user's setting that would fix it, or null
     */
    public DeviceException(Fault fault, String message, Throwable cause, boolean transientFailure, Setting setting) {
        super(fault, message, cause, transientFailure, setting, null);
    }

    /** Opening the way to the device failed in a way that may pass: a board re-enumerating, an emulator booting. */
    public static DeviceException notYetThere(String message, Throwable cause) {
        return new DeviceException(Fault.DEVICE, message, cause, true, null);
    }
}
