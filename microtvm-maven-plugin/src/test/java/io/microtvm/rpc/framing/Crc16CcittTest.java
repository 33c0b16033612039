package io.microtvm.rpc.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16CcittTest {
    @Test
    void checkValueOfTheStandardTestString() {
        assertThat(Crc16Ccitt.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x29B1);
    }

    @Test
    void theTableMatchesTheBitwiseDefinition() {
        for (int b = 0; b < 256; b++) {
            int crc = 0xFFFF ^ (b << 8);
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
            assertThat(Crc16Ccitt.update(0xFFFF, b)).as("byte %02x", b).isEqualTo(crc);
        }
    }
}
