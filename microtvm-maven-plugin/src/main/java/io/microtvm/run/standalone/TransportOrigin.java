package io.microtvm.run.standalone;

/** Who opened the transport to the device, which decides whether the device's host files are this machine's. */
public enum TransportOrigin {
    /**
     * The project's template: its Project API relay, or a channel its open_transport named. The template
     * runs the device here (a native program, QEMU), so the device's host files are this machine's.
     */
    TEMPLATE,
    /**
     * The user's own link ({@code microtvm.serialPort}: a serial port or {@code socket://host:port}): the
     * device, or the emulator behind the socket, may run on another machine, so host files are never used.
     */
    USER_LINK
}
