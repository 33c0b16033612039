package io.microtvm.transport;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.RetryPolicy;
import io.microtvm.Setting;
import java.time.Duration;

/** Opens a transport straight to a device, by the address the user gave. */
public final class Transports {
    private Transports() {
    }

    /**
     * {@code socket://host:port} opens a {@link SocketTransport}; anything else is taken as a serial
     * port path for a {@link SerialTransport} at {@code baudRate}.
     *
     * @param timeout how long connecting or opening may take
     */
    public static Transport openDirect(String spec, int baudRate, Duration timeout) throws DeviceException {
        return openDirect(spec, baudRate, timeout, timeout, BuildLog.NONE);
    }

    /** @param portWait how long to wait for a serial port another build has open */
    private static Transport openDirect(String spec, int baudRate, Duration timeout, Duration portWait, BuildLog log)
            throws DeviceException {
        if (spec == null || spec.isBlank()) {
            throw new DeviceException(Fault.CONFIGURATION, "No device address given: give a serial port (e.g."
                    + " /dev/ttyACM0) or socket://host:port", null, false, Setting.SERIAL_PORT);
        }
        if (SocketSpec.isSocket(spec)) {
            return SocketTransport.open(SocketSpec.parse(spec), timeout);
        }
        return SerialTransport.open(spec, baudRate, timeout, portWait, log);
    }

    /**
     * {@link #openDirect(String, int, Duration)} with retries: a board that is re-enumerating after
     * a flash, an emulator still starting. A missing or malformed address fails at once, as no retry
     * can fix it; so does a port another build kept past the wait for it.
     */
    public static Transport openDirect(String spec, int baudRate, Duration timeout, RetryPolicy retry, BuildLog log)
            throws DeviceException {
        return openDirect(spec, baudRate, timeout, timeout, retry, log);
    }

    /**
     * {@link #openDirect(String, int, Duration, RetryPolicy, BuildLog)}, waiting up to {@code portWait}
     * (the lock timeout) for a serial port that another build has open.
     */
    public static Transport openDirect(String spec, int baudRate, Duration timeout, Duration portWait,
                                       RetryPolicy retry, BuildLog log) throws DeviceException {
        if (spec != null && SocketSpec.isSocket(spec)) {
            SocketSpec.parse(spec);
        }
        if (spec == null || spec.isBlank()) {
            return openDirect(spec, baudRate, timeout);
        }
        // what may pass says so (a port not there yet); a busy port has already been waited for, portWait long
        return retry.run("opening " + spec, () -> openDirect(spec, baudRate, timeout, portWait, log), log);
    }
}
