package io.microtvm.run.standalone;

import io.microtvm.transport.DeviceGoneException;
import io.microtvm.transport.DeviceTimeoutException;
import io.microtvm.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A device in memory for session tests: it decodes what the session writes and answers each
 * request as the test's behaviour says, with whatever bytes (frames, noise, nothing).
 */
final class FakeDevice implements Transport {
    private final FrameDecoder requests = new FrameDecoder();
    private final Function<Frame, List<byte[]>> behaviour;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    final List<Frame> received = new ArrayList<>();
    private boolean ended;

    /** @param behaviour the bytes to send back for each request, in order */
    FakeDevice(Function<Frame, List<byte[]>> behaviour) {
        this.behaviour = behaviour;
    }

    /** Sends bytes nobody asked for, e.g. a boot message. */
    void say(byte[] bytes) {
        pending.writeBytes(bytes);
    }

    /** From now on the channel has ended, as when the device program exits. */
    void end() {
        ended = true;
    }

    List<Frame> received(RequestType type) {
        return received.stream().filter(f -> f.type() == type.type()).toList();
    }

    @Override
    public void write(byte[] data, Duration timeout) throws DeviceGoneException {
        if (ended) {
            throw new DeviceGoneException("the fake device has ended", null);
        }
        requests.feed(data);
        for (Optional<Frame> f = requests.next(); f.isPresent(); f = requests.next()) {
            received.add(f.get());
            behaviour.apply(f.get()).forEach(pending::writeBytes);
        }
    }

    @Override
    public byte[] read(int maxBytes, Duration timeout) throws DeviceGoneException, DeviceTimeoutException {
        byte[] all = pending.toByteArray();
        if (all.length > 0) {
            int n = Math.min(maxBytes, all.length);
            pending.reset();
            pending.write(all, n, all.length - n);
            return Arrays.copyOf(all, n);
        }
        if (ended) {
            throw new DeviceGoneException("the fake device has ended", null);
        }
        try {
            // the whole timeout: whole milliseconds would end each wait up to 1 ms early
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new DeviceTimeoutException("nothing from the fake device within " + timeout.toMillis() + " ms", null);
    }

    @Override
    public void close() {
    }

    @Override
    public String describe() {
        return "the fake device";
    }

    /** A reply frame to {@code request}. */
    static byte[] reply(Frame request, int type, byte[] payload) {
        return new Frame(type, request.seq(), payload).encode();
    }

    static byte[] errorPayload(int code, int detail, String message) {
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) code).putInt(detail).putShort((short) text.length).put(text).array();
    }

    /** A HELLO reply payload describing {@code info}; its capabilities from minor version 1 on. */
    static byte[] helloPayload(DeviceInfo info) {
        ByteBuffer out = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) info.protocolMajor()).put((byte) info.protocolMinor()).putShort((short) info.maxPayload());
        out.put(HexFormat.of().parseHex(info.modelId())).putInt((int) info.ticksPerSecond());
        putText(out, info.timerName());
        out.putShort((short) info.inputs().size()).putShort((short) info.outputs().size());
        for (TensorInfo t : concat(info.inputs(), info.outputs())) {
            putText(out, t.name());
            putText(out, t.dtype());
            out.put((byte) (t.shapeKnown() ? 1 : 0)).put((byte) t.shape().length);
            for (long d : t.shape()) {
                out.putInt((int) d);
            }
            out.putInt((int) t.sizeBytes());
        }
        if (info.protocolMinor() >= 1) {
            out.putInt((int) info.capabilities()); // 1.1
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static List<TensorInfo> concat(List<TensorInfo> a, List<TensorInfo> b) {
        List<TensorInfo> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void putText(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }
}
