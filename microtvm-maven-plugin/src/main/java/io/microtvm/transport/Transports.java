package io.microtvm.transport;

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
    public static Transport openDirect(String spec, int baudRate, Duration timeout) throws TransportException {
        if (spec == null || spec.isBlank()) {
            throw new TransportException("No device address given: set " + SerialTransport.PORT_PROPERTY
                    + " to a serial port (e.g. /dev/ttyACM0) or socket://host:port");
        }
        if (SocketSpec.isSocket(spec)) {
            return SocketTransport.open(SocketSpec.parse(spec), timeout);
        }
        return SerialTransport.open(spec, baudRate, timeout);
    }
}
