package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SerialTransport on a real pseudo-terminal pair made by socat: the transport opens one end, the
 * test plays the device on the other through a second SerialTransport.
 */
class SerialTransportTest {
    static final int BAUD = 115200;
    static final Duration OPEN = Duration.ofSeconds(5);
    static final Duration IO = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    Socat socat;
    Path portA;
    SerialTransport transport;
    SerialTransport device;

    @BeforeEach
    void openThePair() throws Exception {
        Socat.assumeInstalled();
        portA = tmp.resolve("ttyA");
        socat = Socat.ptyPair(portA, tmp.resolve("ttyB"));
        transport = SerialTransport.open(portA.toString(), BAUD, OPEN);
        device = SerialTransport.open(tmp.resolve("ttyB").toString(), BAUD, OPEN);
    }

    @AfterEach
    void closeAll() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (device != null) {
            device.close();
        }
        if (socat != null) {
            socat.close();
        }
    }

    @Test
    void aPortInUseIsRefusedUnderAnyOfItsNamesUntilItIsClosed() throws Exception {
        String realName = portA.toRealPath().toString();

        for (String name : new String[] {portA.toString(), realName}) {
            assertThatThrownBy(() -> SerialTransport.open(name, BAUD, Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        // another build has it: already waited for, so no retry, and not the device's fault
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.fault()).isEqualTo(Fault.ENVIRONMENT);
                        assertThat(e.setting()).contains(Setting.SERIAL_PORT);
                    })
                    .hasMessageContaining("waiting for serial port " + name + ", which another build is using:"
                            + " a microtvm build using serial port " + portA)
                    .hasMessageContaining("Two builds cannot share a board");
        }

        transport.close();
        transport = SerialTransport.open(realName, BAUD, OPEN);
        transport.write("ok".getBytes(StandardCharsets.US_ASCII), IO);
        assertThat(SocketTransportTest.readExactly(device, 2)).asString(StandardCharsets.US_ASCII).isEqualTo("ok");
    }

    @Test
    void aPortInUseIsWaitedForLoggingItsUserAndTakenOnceReleased() throws Exception {
        List<String> infos = new CopyOnWriteArrayList<>();
        BuildLog log = new BuildLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { infos.add(m); }
            @Override public void warn(String m) { infos.add(m); }
            @Override public void error(String m) { }
        };
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Future<SerialTransport> waiting = second.submit(() ->
                    SerialTransport.open(portA.toString(), BAUD, OPEN, Duration.ofSeconds(60), log));
            // the second user waits (and says whom for) while the first still has the port
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (infos.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(infos).anyMatch(l -> l.contains("serial port " + portA)
                    && l.contains("a microtvm build using serial port " + portA));
            assertThat(waiting).isNotDone();

            transport.close();
            transport = waiting.get(30, TimeUnit.SECONDS);
            transport.write("ok".getBytes(StandardCharsets.US_ASCII), IO);
            assertThat(SocketTransportTest.readExactly(device, 2)).asString(StandardCharsets.US_ASCII).isEqualTo("ok");
        } finally {
            second.shutdownNow();
        }
    }

    @Test
    void bytesGoBothWays() throws Exception {
        transport.write("ping".getBytes(StandardCharsets.US_ASCII), IO);
        assertThat(SocketTransportTest.readExactly(device, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");

        device.write("pong".getBytes(StandardCharsets.US_ASCII), IO);
        assertThat(SocketTransportTest.readExactly(transport, 4)).asString(StandardCharsets.US_ASCII)
                .isEqualTo("pong");
    }

    @Test
    void everyByteValueArrivesUnchanged() throws Exception {
        // raw mode: no CR/LF translation, no XON/XOFF, no signals from ^C
        byte[] all = new byte[256 * 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        transport.write(all, IO);

        assertThat(SocketTransportTest.readExactly(device, all.length)).isEqualTo(all);
    }

    @Test
    void aSilentDeviceTimesTheReadOutNamingThePortAndTheWait() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.read(16, Duration.ofMillis(300)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining(portA.toString())
                .hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDeviceThatStopsReadingTimesTheWriteOut() {
        // far more than the ptys and socat buffer, so the write has to block
        byte[] lots = new byte[8 * 1024 * 1024];
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.write(lots, Duration.ofMillis(500)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining(portA.toString())
                .hasMessageContaining("did not finish within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingPortIsNamedWithTheProperty() {
        String missing = tmp.resolve("ttyACM9").toString();

        assertThatThrownBy(() -> SerialTransport.open(missing, BAUD, OPEN))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.setting()).contains(Setting.SERIAL_PORT);
                    assertThat(e.isTransient()).as("a board re-enumerating may be back soon").isTrue();
                })
                .hasMessage("Serial port " + missing + " does not exist");
    }

    @Test
    void aPortAlreadyOpenedByAnotherProgramIsBusyAndTheErrorCodeIsGiven() throws Exception {
        // not a microtvm build, so no lock of ours: the OS's exclusive open is what refuses it
        transport.close();
        com.fazecast.jSerialComm.SerialPort other = com.fazecast.jSerialComm.SerialPort.getCommPort(portA.toString());
        assertThat(other.openPort()).isTrue();
        try {
            assertThatThrownBy(() -> SerialTransport.open(portA.toString(), BAUD, OPEN))
                    .isInstanceOf(DeviceException.class)
                    .hasMessageContaining("Serial port " + portA + " could not be opened")
                    .hasMessageContaining("jSerialComm error code");
        } finally {
            other.closePort();
        }
    }

    @Test
    void aVanishedDeviceEndsTheTransportWithinTheDeadline() throws Exception {
        socat.kill();
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.read(16, IO))
                .isInstanceOf(DeviceException.class)
                .isNotInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining("device is gone");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(IO);
    }

    @Test
    void closeIsIdempotentAndFreesThePort() throws Exception {
        transport.close();
        transport.close();

        assertThatThrownBy(() -> transport.read(1, IO)).hasMessageContaining("is closed");
        transport = SerialTransport.open(portA.toString(), BAUD, OPEN);
        assertThat(transport.describe()).isEqualTo("serial port " + portA);
    }
}
