package io.microtvm.rpc.framing;

import static io.microtvm.rpc.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Wire vectors of docs/microtvm-rpc.md ("CRC" and the trace of "A complete AOT inference on the
 * wire"), checked against TVM's CRT firmware.
 */
class FramerTest {
    @Test
    void theFirstFrameCarriesTheNopPreambleOutsideTheCrc() {
        Framer framer = new Framer();
        assertThat(framer.frame(bytes("00 00 02"))).isEqualTo(bytes("fe ff fd 03 00 00 00 00 00 02 66 77"));
        assertThat(framer.frame(bytes("43 00 00 01"))).isEqualTo(bytes("ff fd 04 00 00 00 43 00 00 01 6b 2c"));
    }

    @Test
    void ffIsEscapedAndTheCrcCoversTheEscapedBytes() {
        assertThat(Framer.encode(bytes("ff 01"), false)).isEqualTo(bytes("ff fd 02 00 00 00 ff ff 01 f8 33"));
    }

    @Test
    void aLengthOf255IsEscaped() {
        assertThat(Framer.encode(new byte[255], false)).startsWith(bytes("ff fd ff ff 00 00 00 00"));
    }

    @Test
    void aRealRpcRequestFrame() {
        // trace frame 5: GetGlobalFunc("runtime.SystemLib") in session 43 23
        assertThat(Framer.encode(bytes("43 23 10 25 00 00 00 00 00 00 00 09 00 00 00 01 00 00 00 0b 00 00 00"
                + " 11 00 00 00 00 00 00 00 72 75 6e 74 69 6d 65 2e 53 79 73 74 65 6d 4c 69 62"), false))
                .isEqualTo(bytes("ff fd 30 00 00 00 43 23 10 25 00 00 00 00 00 00 00 09 00 00 00 01 00 00 00 0b"
                        + " 00 00 00 11 00 00 00 00 00 00 00 72 75 6e 74 69 6d 65 2e 53 79 73 74 65 6d 4c 69 62"
                        + " 83 14"));
    }

    @Test
    void escapedDataAndAnEscapedCrcByte() {
        // docs/microtvm-rpc.md, "CRC": the device's CopyAck of 16 bytes full of FF, FE and FD
        byte[] payload = bytes("43 23 10 14 00 00 00 00 00 00 00 08 00 00 00"
                + " ff ff fe fd ff fd 00 ff 01 02 03 04 ff fe ff ff");
        assertThat(Framer.encode(payload, false)).isEqualTo(bytes(
                "ff fd 1f 00 00 00 43 23 10 14 00 00 00 00 00 00 00 08 00 00 00"
                        + " ff ff ff ff fe fd ff ff fd 00 ff ff 01 02 03 04 ff ff fe ff ff ff ff 10 95"));
    }
}
