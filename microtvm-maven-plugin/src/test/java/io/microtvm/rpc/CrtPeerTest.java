package io.microtvm.rpc;

import static io.microtvm.rpc.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.bench.RawPipeTransport;
import io.microtvm.rpc.client.DlTensor;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RemoteException;
import io.microtvm.rpc.client.RpcCode;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.rpc.executor.AotExecutor;
import io.microtvm.rpc.framing.ReceivedFrame;
import io.microtvm.rpc.framing.Unframer;
import io.microtvm.rpc.session.DeviceResetException;
import io.microtvm.rpc.session.MicroSession;
import io.microtvm.rpc.session.SessionTimeouts;
import io.microtvm.rpc.session.StreamDamagedException;
import io.microtvm.transport.DeviceTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java host's layers against the real C peer: TVM's CRT RPC server as the host template's
 * host_driven firmware builds it from a fixture's runtime/. Byte vectors are those of
 * docs/microtvm-rpc.md ("Handshake", "A complete AOT inference on the wire"); device-chosen values
 * (responder nonce, addresses) are not compared.
 */
class CrtPeerTest {
    static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ZERO, Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    static Path firmware;

    final List<String> logLines = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { logLines.add("DEBUG " + m); }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { logLines.add("ERROR " + m); }
    };

    @BeforeAll
    static void buildFirmware() throws Exception {
        firmware = HostDrivenFirmware.program("sine_aot_hd");
    }

    private static TappedTransport start() throws Exception {
        return new TappedTransport(RawPipeTransport.start(firmware, firmware.getParent()));
    }

    /** Session payloads of every frame in {@code wire}, in order. */
    private static List<byte[]> payloads(byte[] wire) {
        Unframer u = new Unframer();
        u.feed(wire);
        List<byte[]> out = new ArrayList<>();
        for (Optional<ReceivedFrame> f = u.next(); f.isPresent(); f = u.next()) {
            assertThat(f.get().crcOk()).isTrue();
            out.add(f.get().payload());
        }
        return out;
    }

    @Test
    void theFirmwareBootsWithTheSpecsTerminateFrame() throws Exception {
        try (TappedTransport t = start()) {
            byte[] boot = new byte[0];
            while (boot.length < 12) {
                byte[] more = t.read(12 - boot.length, Duration.ofSeconds(10));
                boot = Arrays.copyOf(boot, boot.length + more.length);
                System.arraycopy(more, 0, boot, boot.length - more.length, more.length);
            }
            assertThat(boot).isEqualTo(bytes("fe ff fd 03 00 00 00 00 00 02 66 77"));
        }
    }

    @Test
    void theHandshakeSendsTheSpecsFramesAndTheDeviceAcceptsThem() throws Exception {
        try (TappedTransport t = start()) {
            MicroSession session = MicroSession.open(t, TIMEOUTS, log, () -> 0x5A);

            assertThat(t.written()).isEqualTo(bytes("fe ff fd 03 00 00 00 00 00 02 66 77"
                    + " ff fd 04 00 00 00 43 00 00 01 6b 2c"));
            assertThat(session.sessionId() & 0xFF).isEqualTo(0x43);
            assertThat(session.sessionId() >> 8).as("the device's nonce").isNotZero();
        }
    }

    @Test
    void nonceRegenerationFollowsTheSpec() {
        assertThat(MicroSession.regenerateNonce(0x5A)).isEqualTo(0x43);
        assertThat(MicroSession.regenerateNonce(0x00)).isEqualTo(0x01);
        assertThat(MicroSession.regenerateNonce(0x01)).isEqualTo(0x21);
        assertThat(MicroSession.regenerateNonce(0x21)).isEqualTo(0x22);
        assertThat(MicroSession.regenerateNonce(0xA5)).isEqualTo(0xA6);
    }

    @Test
    void getGlobalFuncTravelsAsTheSpecSaysAndTheDeviceAnswersAsTheSpecSays() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 0x5A),
                    Duration.ofSeconds(10));
            assertThat(client.getGlobalFunc("runtime.SystemLib")).isEqualTo(0x80028000L);
            assertThat(client.getGlobalFunc("no.such.func")).as("unknown names give handle 0").isZero();

            List<byte[]> sent = payloads(t.written());
            List<byte[]> received = payloads(t.read());
            byte[] request = Arrays.copyOfRange(sent.get(2), 3, sent.get(2).length);
            assertThat(request).isEqualTo(bytes("25 00 00 00 00 00 00 00 09 00 00 00 01 00 00 00 0b 00 00 00"
                    + " 11 00 00 00 00 00 00 00 72 75 6e 74 69 6d 65 2e 53 79 73 74 65 6d 4c 69 62"));
            byte[] reply = received.get(received.size() - 2);
            assertThat(Arrays.copyOfRange(reply, 2, reply.length)).isEqualTo(bytes(
                    "10 14 00 00 00 00 00 00 00 04 00 00 00 01 00 00 00 03 00 00 00 00 80 02 80 00 00 00 00"));
        }
    }

    @Test
    void noiseInBothDirectionsBeforeTheSessionIsSkipped() throws Exception {
        try (TappedTransport t = start()) {
            t.write("garbage from a terminal\r\n\u00fe\u00fd".getBytes(StandardCharsets.ISO_8859_1),
                    Duration.ofSeconds(5));
            t.injectNoise(bytes("62 6f 6f 74 0a ff fd 09 00 00 00 12 34 ff 00 fe"));
            MicroSession session = MicroSession.open(t, TIMEOUTS, log, () -> 7);
            MinRpcClient client = new MinRpcClient(session, Duration.ofSeconds(10));

            assertThat(client.getGlobalFunc("runtime.SystemLib")).isEqualTo(0x80028000L);
        }
    }

    @Test
    void anAotRunThroughTheLayersComputesTheModel() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 1), Duration.ofSeconds(10));
            AotExecutor aot = AotExecutor.create(client, "default");
            assertThat(aot.inputs()).hasSize(1);
            assertThat(aot.inputs().get(0).name()).isEqualTo("input");
            assertThat(aot.inputs().get(0).tensor().shape()).containsExactly(1, 1);

            aot.setInput(0, floats(1.0f));
            aot.run(Duration.ofSeconds(10));
            float y = java.nio.ByteBuffer.wrap(aot.getOutput(0)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
            // the fixture's model approximates sin(x); TVM's reference for x=1 is in sine_aot_hd.outputs.npz
            assertThat(y).isCloseTo((float) Math.sin(1.0), org.assertj.core.data.Offset.offset(0.05f));
            assertThat(logLines).contains("INFO [device] DumpMetadata:");
        }
    }

    @Test
    void aSecondAotExecutorInOneBootIsRefusedWithTheRemedy() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 1), Duration.ofSeconds(10));
            AotExecutor.create(client, "default");

            assertThatThrownBy(() -> AotExecutor.create(client, "default"))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("tvm.aot_executor.create(default)")
                    .hasMessageContaining("one AOT executor per boot");
        }
    }

    @Test
    void copiesLargerThanAPacketAreChunkedToTheDevicesLimit() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 1), Duration.ofSeconds(10));
            assertThat(client.maxPacketSize()).isEqualTo(2048 - 11);
            long address = client.syscall(RpcCode.DEV_ALLOC_DATA, List.of(RpcValue.ofDevice(1, 0),
                    RpcValue.ofInt(5000), RpcValue.ofInt(64), RpcValue.ofDataType(1 | (8 << 8) | (1 << 16))),
                    "DevAllocData").asLong();
            DlTensor tensor = new DlTensor(address, 1, 0, 1, 8, 1, new long[] {5000}, 0);
            byte[] data = new byte[5000];
            new Random(4).nextBytes(data);
            int framesBefore = payloads(t.written()).size();

            client.copyToRemote(tensor, data);
            List<byte[]> copies = payloads(t.written()).subList(framesBefore, payloads(t.written()).size());

            assertThat(client.copyFromRemote(tensor, 5000)).isEqualTo(data);
            // block = 2037 - (44 + 8 * ndim) = 1985: packets of 1985, 1985 and 1030 bytes
            assertThat(copies).hasSize(3);
            assertThat(copies.get(0)).hasSize(2048);
            assertThat(copies.get(2)).hasSize(3 + 8 + 52 + 1030);
        }
    }

    @Test
    void aDeviceExceptionNamesTheRequestAndTheDevicesMessage() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 1), Duration.ofSeconds(10));
            assertThatThrownBy(() -> client.call(0x80020063L, List.of(), "the bad handle"))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("the bad handle")
                    .hasMessageContaining("invalid function index");
            assertThat(client.getGlobalFunc("runtime.SystemLib")).as("the session goes on").isEqualTo(0x80028000L);
        }
    }

    @Test
    void aDeviceResetMidSessionIsReportedAndANewSessionWorks() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 1), Duration.ofSeconds(10));
            long reset = client.getGlobalFunc("tvm.testing.reset_server");
            assertThat(reset).isNotZero();

            assertThatThrownBy(() -> client.call(reset, List.of(), "reset_server()"))
                    .isInstanceOf(DeviceResetException.class)
                    .hasMessageContaining("terminated the session")
                    .hasMessageContaining("reset_server()");

            MinRpcClient again = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 2), Duration.ofSeconds(10));
            assertThat(AotExecutor.create(again, "default").outputs()).hasSize(1);
        }
    }

    @Test
    void aByteLostOnTheWayFromTheDeviceIsDetectedNotSwallowed() throws Exception {
        try (TappedTransport t = start()) {
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, TIMEOUTS, log, () -> 1), Duration.ofSeconds(10));
            // the executor logs its metadata while it is created: lose the ':' of "DumpMetadata:", so
            // that frame is one byte short and the next log frame starts inside it
            t.loseReadByteAfter("DumpMetadata".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> AotExecutor.create(client, "default"))
                    .isInstanceOf(StreamDamagedException.class)
                    .hasMessageContaining("no retransmission");
        }
    }

    @Test
    void aByteLostOnTheWayToTheDeviceEndsInATimeoutNamingTheRequest() throws Exception {
        try (TappedTransport t = start()) {
            SessionTimeouts shortReplies = new SessionTimeouts(Duration.ZERO, Duration.ofSeconds(10),
                    Duration.ofMillis(500));
            MinRpcClient client = new MinRpcClient(MicroSession.open(t, shortReplies, log, () -> 1),
                    Duration.ofSeconds(10));
            t.loseWrittenByte(20);

            assertThatThrownBy(() -> client.getGlobalFunc("runtime.SystemLib"))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageContaining("GetGlobalFunc(runtime.SystemLib)")
                    .hasMessageContaining("within 500 ms");
        }
    }

    @Test
    void aPeerThatNeverRepliesGetsFreshHandshakesUntilTheStartTimeout() throws Exception {
        // cat echoes the host's own frames back: they must not pass for a StartSessionReply
        try (TappedTransport t = new TappedTransport(RawPipeTransport.start(Path.of("/bin/cat"), firmware.getParent()))) {
            SessionTimeouts retrying = new SessionTimeouts(Duration.ofMillis(200), Duration.ofMillis(700),
                    Duration.ofSeconds(1));

            assertThatThrownBy(() -> MicroSession.open(t, retrying, log, new Random(3)::nextInt))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageContaining("no StartSessionReply within 700 ms");

            List<Integer> initNonces = payloads(t.written()).stream().filter(p -> p.length == 4 && p[2] == 0)
                    .map(p -> p[0] & 0xFF).toList();
            assertThat(initNonces).hasSizeGreaterThanOrEqualTo(2);
            assertThat(initNonces.get(0)).isNotEqualTo(initNonces.get(1));
        }
    }

    private static byte[] floats(float v) {
        return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    }
}
