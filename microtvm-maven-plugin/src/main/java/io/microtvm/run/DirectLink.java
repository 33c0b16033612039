package io.microtvm.run;

/**
 * A device reached directly rather than through its template's Project API transport: a serial port
 * (a real board's UART) or {@code socket://host:port} (a UART exposed on TCP, e.g. by ser2net or
 * QEMU's {@code -serial tcp:...,server=on}). The firmware must already be running there.
 *
 * @param address  {@code microtvm.serialPort}: a port path such as {@code /dev/ttyACM0}, or {@code socket://host:port}
 * @param baudRate {@code microtvm.baudRate}; ignored for sockets
 * @param portWait how long to wait for a serial port another build has open ({@code microtvm.lockTimeout})
 */
public record DirectLink(String address, int baudRate, java.time.Duration portWait) {
}
