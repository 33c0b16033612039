package io.microtvm.transport;

import io.microtvm.Fault;

/**
 * The device did not answer, or did not take what was written, before the deadline. Transient:
 * the same step tried again may succeed (a device still booting), so a step that is safe to
 * repeat is retried on it.
 */
public final class DeviceTimeoutException extends DeviceException {
    private static final long serialVersionUID = 1L;

    public DeviceTimeoutException(String message, Throwable cause) {
        super(Fault.DEVICE, message, cause, true, null);
    }
}
