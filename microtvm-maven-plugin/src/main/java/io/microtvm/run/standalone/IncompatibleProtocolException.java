package io.microtvm.run.standalone;

import io.microtvm.transport.DeviceException;

/** The device speaks a major version of the standalone protocol this host does not. */
public final class IncompatibleProtocolException extends DeviceException {
    private static final long serialVersionUID = 1L;

    private final int deviceMajor;
    private final int deviceMinor;

    public IncompatibleProtocolException(int deviceMajor, int deviceMinor, String source) {
        super("The device (" + source + ") speaks standalone protocol " + deviceMajor + "." + deviceMinor
                + ", but this plugin speaks " + StandaloneSession.PROTOCOL_MAJOR + ".x. Generate, build and flash"
                + " the project again with this plugin's template.");
        this.deviceMajor = deviceMajor;
        this.deviceMinor = deviceMinor;
    }

    public int deviceMajor() {
        return deviceMajor;
    }

    public int deviceMinor() {
        return deviceMinor;
    }
}
