package io.microtvm.rpc.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.projectapi.TransportTimeouts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionTimeoutsTest {
    @Test
    void theTemplatesSecondsAreTaken() {
        // Zephyr serial boards (docs/microtvm-rpc.md, "Handshake timeouts"): R=2, T=5, E=5
        SessionTimeouts t = SessionTimeouts.from(new TransportTimeouts(2.0, 5.0, 5.0), Duration.ofSeconds(30),
                Duration.ofSeconds(600));
        assertThat(t.startRetry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.start()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.established()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void waitForeverBecomesThePluginsOwnLimitButNoRetryStaysNoRetry() {
        // TVM's crt host template: 0, 0, 0
        SessionTimeouts t = SessionTimeouts.from(new TransportTimeouts(0, 0, 0), Duration.ofSeconds(30),
                Duration.ofSeconds(600));
        assertThat(t.startRetry()).isZero();
        assertThat(t.start()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.established()).isEqualTo(Duration.ofSeconds(600));
    }
}
