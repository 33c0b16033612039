package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.Fault;
import io.microtvm.Setting;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Choosing the transport from the address the user wrote. */
class TransportsTest {
    static final Duration OPEN = Duration.ofSeconds(5);

    @Test
    void aSocketAddressOpensASocketTransport() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Transport t = Transports.openDirect("socket://localhost:" + server.getLocalPort(), 115200, OPEN)) {
            assertThat(t).isInstanceOf(SocketTransport.class);
            assertThat(t.describe()).isEqualTo("socket localhost:" + server.getLocalPort());
        }
    }

    @Test
    void anIpv6LoopbackAddressIsParsed() throws Exception {
        assertThat(SocketSpec.parse("socket://[::1]:4000")).isEqualTo(new SocketSpec("::1", 4000));
        assertThat(SocketSpec.parse("SOCKET://localhost:4000").toString()).isEqualTo("localhost:4000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket://", "socket://localhost", "socket://localhost:", "socket://:4000",
            "socket://localhost:99999", "socket://localhost:4000/path", "socket://local host:4000",
            "socket://localhost:4000?x=1"})
    void aMalformedSocketAddressSaysWhatIsExpected(String spec) {
        assertThatThrownBy(() -> Transports.openDirect(spec, 115200, OPEN))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("Malformed socket address '" + spec + "'")
                .hasMessageContaining("expected socket://host:port");
    }

    @Test
    void anythingElseIsASerialPort() {
        assertThatThrownBy(() -> Transports.openDirect("/dev/ttyACM9-not-here", 115200, OPEN))
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.setting()).contains(Setting.SERIAL_PORT))
                .hasMessage("Serial port /dev/ttyACM9-not-here does not exist");
    }

    @Test
    void noAddressSaysWhatToSet() {
        assertThatThrownBy(() -> Transports.openDirect(" ", 115200, OPEN))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.CONFIGURATION);
                    assertThat(e.setting()).contains(Setting.SERIAL_PORT);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("No device address given");
    }
}
