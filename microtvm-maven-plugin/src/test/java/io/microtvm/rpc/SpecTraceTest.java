package io.microtvm.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.rpc.client.PacketReader;
import io.microtvm.rpc.client.PacketWriter;
import io.microtvm.rpc.client.RpcCode;
import io.microtvm.rpc.framing.Framer;
import io.microtvm.rpc.framing.ReceivedFrame;
import io.microtvm.rpc.framing.Unframer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The complete checked trace of one AOT inference (docs/microtvm-rpc.md, "A complete AOT inference
 * on the wire"; 91 frames, byte-identical to what TVM v0.18.0's own host and the CRT firmware
 * exchanged): every frame decodes with a good CRC, its RPC packet decodes to the values the listing
 * names, and re-encoding the decoded content gives the same wire bytes.
 */
class SpecTraceTest {
    record TraceFrame(int number, boolean hostToDevice, String note, byte[] wire) {
    }

    static List<TraceFrame> trace() throws Exception {
        String text;
        try (InputStream in = SpecTraceTest.class.getResourceAsStream("trace-aot-inference.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<TraceFrame> frames = new ArrayList<>();
        TraceFrame current = null;
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\. (H→D|D→H) (.*)$").matcher(line);
            if (m.matches()) {
                if (current != null) {
                    frames.add(new TraceFrame(current.number(), current.hostToDevice(), current.note(),
                            Hex.bytes(hex.toString())));
                }
                current = new TraceFrame(Integer.parseInt(m.group(1)), m.group(2).equals("H→D"), m.group(3), null);
                hex.setLength(0);
            } else if (current != null && line.startsWith("       ")) {
                hex.append(line.strip()).append(' ');
            }
        }
        frames.add(new TraceFrame(current.number(), current.hostToDevice(), current.note(), Hex.bytes(hex.toString())));
        return frames;
    }

    @Test
    void everyFrameOfTheTraceDecodesAndReencodesToTheSameBytes() throws Exception {
        List<TraceFrame> frames = trace();
        assertThat(frames).hasSize(91);
        for (TraceFrame f : frames) {
            Unframer u = new Unframer();
            u.feed(f.wire());
            Optional<ReceivedFrame> decoded = u.next();
            assertThat(decoded).as("frame %d", f.number()).isPresent();
            assertThat(decoded.get().crcOk()).as("CRC of frame %d", f.number()).isTrue();
            boolean preamble = f.wire()[0] == (byte) 0xFE;
            assertThat(Framer.encode(decoded.get().payload(), preamble)).as("frame %d", f.number())
                    .isEqualTo(f.wire());

            byte[] payload = decoded.get().payload();
            if (payload.length > 3 && payload[2] == 0x10) {
                byte[] packet = Arrays.copyOfRange(payload, 3, payload.length);
                assertThat(reencodeRpc(packet, f.hostToDevice())).as("RPC packet of frame %d: %s", f.number(),
                        f.note()).isEqualTo(packet);
            }
        }
    }

    @Test
    void theTracesRequestsAreWhatTheJavaHostSends() throws Exception {
        // the host's own frames of the trace, rebuilt from the values the listing names
        List<TraceFrame> frames = trace();
        assertThat(frames.get(0).wire()).isEqualTo(new Framer().frame(Hex.bytes("00 00 02")));
        byte[] getSystemLib = new PacketWriter().i32(RpcCode.GET_GLOBAL_FUNC)
                .args(List.of(io.microtvm.rpc.client.RpcValue.ofStr("runtime.SystemLib"))).withLengthPrefix();
        assertThat(frames.get(4).wire()).isEqualTo(Framer.encode(session(getSystemLib), false));
        byte[] getInputName = new PacketWriter().i32(RpcCode.CALL_FUNC).i64(0x8001800aL)
                .args(List.of(io.microtvm.rpc.client.RpcValue.ofInt(0))).withLengthPrefix();
        assertThat(frames.get(53).wire()).isEqualTo(Framer.encode(session(getInputName), false));
    }

    private static byte[] session(byte[] rpc) {
        byte[] p = new byte[rpc.length + 3];
        p[0] = 0x43;
        p[1] = 0x23;
        p[2] = 0x10;
        System.arraycopy(rpc, 0, p, 3, rpc.length);
        return p;
    }

    /** Decodes an RPC packet by its code and writes the decoded values back. */
    private static byte[] reencodeRpc(byte[] packet, boolean request) throws Exception {
        PacketReader r = new PacketReader(packet);
        long length = r.i64();
        assertThat(length).isEqualTo(packet.length - 8);
        int code = r.i32();
        PacketWriter w = new PacketWriter().i32(code);
        switch (code) {
            case RpcCode.CALL_FUNC -> w.i64(r.i64()).args(r.args());
            case RpcCode.RETURN, RpcCode.GET_GLOBAL_FUNC, RpcCode.FREE_HANDLE, RpcCode.DEV_STREAM_SYNC -> w.args(r.args());
            case RpcCode.COPY_TO_REMOTE -> {
                w.tensor(r.tensor());
                long n = r.i64();
                byte[] data = r.raw(n);
                w.i64(n).raw(data, 0, data.length);
            }
            case RpcCode.COPY_FROM_REMOTE -> w.tensor(r.tensor()).i64(r.i64());
            case RpcCode.COPY_ACK -> {
                byte[] data = r.raw(r.remaining());
                w.raw(data, 0, data.length);
            }
            default -> throw new AssertionError("unexpected RPC code " + code + (request ? " from the host" : ""));
        }
        assertThat(r.remaining()).isZero();
        return w.withLengthPrefix();
    }
}
