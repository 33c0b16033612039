package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SocketTransport against a real peer: a loopback server socket in the test. */
class SocketTransportTest {
    static final Duration OPEN = Duration.ofSeconds(5);
    static final Duration IO = Duration.ofSeconds(5);

    ServerSocket server;
    Socket peer;
    SocketTransport transport;

    @BeforeEach
    void connect() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        transport = SocketTransport.open("socket://127.0.0.1:" + server.getLocalPort(), OPEN);
        peer = server.accept();
    }

    @AfterEach
    void closeAll() throws IOException {
        transport.close();
        if (peer != null) {
            peer.close();
        }
        server.close();
    }

    @Test
    void bytesGoBothWays() throws Exception {
        transport.write("ping".getBytes(StandardCharsets.US_ASCII), IO);
        InputStream fromTransport = peer.getInputStream();
        assertThat(fromTransport.readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");

        OutputStream toTransport = peer.getOutputStream();
        toTransport.write("pong".getBytes(StandardCharsets.US_ASCII));
        toTransport.flush();
        assertThat(readExactly(transport, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("pong");
    }

    @Test
    void aReadReturnsAtMostWhatWasAskedFor() throws Exception {
        peer.getOutputStream().write(new byte[] {1, 2, 3, 4, 5});
        peer.getOutputStream().flush();

        byte[] first = transport.read(2, IO);

        assertThat(first.length).isBetween(1, 2);
    }

    @Test
    void aSilentPeerTimesTheReadOutNamingTheAddressAndTheWait() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.read(16, Duration.ofMillis(300)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining("127.0.0.1:" + server.getLocalPort())
                .hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPeerThatClosesEndsTheTransport() throws Exception {
        peer.close();

        assertThatThrownBy(() -> transport.read(16, IO))
                .isInstanceOf(DeviceGoneException.class)
                .hasMessageContaining("device is gone");
    }

    @Test
    void aPeerThatStopsReadingTimesTheWriteOutAndClosesTheTransport() {
        // far more than loopback socket buffers hold, so the write has to block
        byte[] lots = new byte[64 * 1024 * 1024];
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.write(lots, Duration.ofMillis(500)))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining("did not finish within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> transport.read(1, IO)).hasMessageContaining("is closed");
    }

    @Test
    void closeIsIdempotentAndLaterCallsSayTheTransportIsClosed() {
        transport.close();
        transport.close();

        assertThatThrownBy(() -> transport.write(new byte[1], IO))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        assertThatThrownBy(() -> SocketTransport.open("socket://127.0.0.1:" + closedPort, OPEN))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("Could not connect to 127.0.0.1:" + closedPort)
                .hasMessageContaining("refused");
    }

    static byte[] readExactly(Transport t, int n) throws DeviceException {
        byte[] all = new byte[n];
        int got = 0;
        while (got < n) {
            byte[] part = t.read(n - got, IO);
            System.arraycopy(part, 0, all, got, part.length);
            got += part.length;
        }
        return all;
    }
}
