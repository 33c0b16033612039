package io.microtvm.run.standalone;

import io.microtvm.Deadline;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.DeviceGoneException;
import io.microtvm.transport.DeviceTimeoutException;
import io.microtvm.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * A conversation with a device running a standalone firmware ({@code docs/standalone-protocol.md}):
 * HELLO on opening, then inputs up, RUN, outputs down. Every call has a deadline and fails with a
 * {@link DeviceException} saying why. Uploads and downloads are cut into chunks the device's
 * max payload allows.
 *
 * <p>The session does not own the transport: close that when done. Not thread-safe.
 */
public final class StandaloneSession {
    /** The major version of the standalone protocol this host speaks. */
    public static final int PROTOCOL_MAJOR = 1;

    // HELLO is resent with growing pauses: fast when the device is up, gentle while it boots
    static final Duration FIRST_HELLO_PAUSE = Duration.ofMillis(200);
    static final Duration LONGEST_HELLO_PAUSE = Duration.ofSeconds(2);
    private static final int READ_CHUNK_BYTES = 16 * 1024;

    private final Transport transport;
    private final FrameDecoder decoder = new FrameDecoder();
    private int nextSeq;
    private DeviceInfo info;

    private StandaloneSession(Transport transport, int firstSeq) {
        this.transport = transport;
        this.nextSeq = firstSeq;
    }

    /**
     * Says HELLO until the device answers or {@code timeout} has passed.
     *
     * @throws IncompatibleProtocolException the device speaks another major version
     * @throws DeviceTimeoutException        no HELLO reply in time
     * @throws DeviceGoneException           the transport ended
     */
    public static StandaloneSession open(Transport transport, Duration timeout) throws DeviceException {
        // a random start keeps replies left over from an earlier session from matching ours
        StandaloneSession session = new StandaloneSession(transport, ThreadLocalRandom.current().nextInt(256));
        session.info = session.hello(Deadline.after(timeout));
        return session;
    }

    /** What the device reported in its HELLO reply. */
    public DeviceInfo info() {
        return info;
    }

    /** Uploads one input, whole: {@code data} must be exactly the tensor's size. */
    public void setInput(int index, byte[] data, Duration timeout) throws DeviceException {
        TensorInfo input = tensor(info.inputs(), index, "input");
        if (data.length != input.sizeBytes()) {
            throw new IllegalArgumentException("Input " + index + " " + input.describe() + " takes "
                    + input.sizeBytes() + " bytes, not " + data.length);
        }
        Deadline deadline = Deadline.after(timeout);
        int chunk = info.maxPayload() - Payloads.SET_INPUT_HEADER_BYTES;
        for (int offset = 0; offset < data.length; offset += chunk) {
            int length = Math.min(chunk, data.length - offset);
            request(RequestType.SET_INPUT, Payloads.setInput(index, offset, data, offset, length), deadline);
        }
    }

    /** Runs the model once on the inputs the device holds. */
    public RunTiming run(Duration timeout) throws DeviceException {
        byte[] reply = request(RequestType.RUN, new byte[0], Deadline.after(timeout));
        return Payloads.runReply(reply, info.ticksPerSecond(), transport.describe());
    }

    /** Downloads one output, whole. */
    public byte[] getOutput(int index, Duration timeout) throws DeviceException {
        TensorInfo output = tensor(info.outputs(), index, "output");
        if (output.sizeBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("Output " + index + " " + output.describe() + " has "
                    + output.sizeBytes() + " bytes, too many for one Java array");
        }
        byte[] data = new byte[(int) output.sizeBytes()];
        Deadline deadline = Deadline.after(timeout);
        for (int offset = 0; offset < data.length; offset += info.maxPayload()) {
            int length = Math.min(info.maxPayload(), data.length - offset);
            byte[] chunk = request(RequestType.GET_OUTPUT, Payloads.getOutput(index, offset, length), deadline);
            if (chunk.length != length) {
                throw new BadReplyException("The device (" + transport.describe() + ") sent " + chunk.length
                        + " bytes of output " + index + " at offset " + offset + " where " + length
                        + " were asked for");
            }
            System.arraycopy(chunk, 0, data, offset, length);
        }
        return data;
    }

    /**
     * Has the device read input {@code index} whole from the file {@code hostPath} of the machine that runs it
     * (LOAD_INPUT, protocol 1.1). The file must hold exactly the tensor's bytes.
     *
     * @throws IllegalArgumentException the device does not offer host files, or the path does not fit its max payload
     * @throws DeviceErrorException     HOST_FILE_FAILED: the device could not open or read the file, or its size is wrong
     */
    public void loadInput(int index, String hostPath, Duration timeout) throws DeviceException {
        tensor(info.inputs(), index, "input");
        request(RequestType.LOAD_INPUT, hostFilePayload(index, hostPath), Deadline.after(timeout));
    }

    /**
     * Has the device write output {@code index} whole to the file {@code hostPath} of the machine that runs it
     * (SAVE_OUTPUT, protocol 1.1), created or truncated.
     *
     * @throws IllegalArgumentException the device does not offer host files, or the path does not fit its max payload
     * @throws DeviceErrorException     HOST_FILE_FAILED: the device could not create or write the file
     */
    public void saveOutput(int index, String hostPath, Duration timeout) throws DeviceException {
        tensor(info.outputs(), index, "output");
        request(RequestType.SAVE_OUTPUT, hostFilePayload(index, hostPath), Deadline.after(timeout));
    }

    /** Whether a LOAD_INPUT or SAVE_OUTPUT naming {@code hostPath} fits the device's max payload. */
    public boolean hostPathFits(String hostPath) {
        return Payloads.HOST_FILE_HEADER_BYTES + hostPath.getBytes(StandardCharsets.UTF_8).length <= info.maxPayload();
    }

    private byte[] hostFilePayload(int index, String hostPath) {
        if (!info.offersHostFiles()) {
            throw new IllegalArgumentException("The device (" + transport.describe() + ", protocol "
                    + info.protocolVersion() + ") does not offer host files");
        }
        if (!hostPathFits(hostPath)) {
            throw new IllegalArgumentException("The host path " + hostPath + " does not fit the device's max payload of "
                    + info.maxPayload() + " bytes");
        }
        return Payloads.hostFile(index, hostPath.getBytes(StandardCharsets.UTF_8));
    }

    /** One request with any payload, as is: for tests that need requests the methods above refuse to make. */
    byte[] exchange(RequestType type, byte[] payload, Duration timeout) throws DeviceException {
        return request(type, payload, Deadline.after(timeout));
    }

    private static TensorInfo tensor(List<TensorInfo> tensors, int index, String role) {
        if (index < 0 || index >= tensors.size()) {
            throw new IllegalArgumentException("No " + role + " " + index + ": the model has " + tensors.size()
                    + " " + role + (tensors.size() == 1 ? "" : "s"));
        }
        return tensors.get(index);
    }

    private DeviceInfo hello(Deadline deadline) throws DeviceException {
        Set<Integer> helloSeqs = new HashSet<>();
        long droppedBefore = decoder.droppedBytes();
        decoder.clearDroppedSample();
        Duration pause = FIRST_HELLO_PAUSE;
        // checked before each HELLO, so running out of time is always reported as this timeout
        while (!deadline.passed()) {
            int seq = takeSeq();
            helloSeqs.add(seq);
            send(new Frame(RequestType.HELLO.type(), seq, new byte[0]), RequestType.HELLO, deadline);
            // the device may answer any HELLO sent so far: the first ones may still be in flight
            Optional<Frame> reply = awaitReply(helloSeqs::contains, deadline.atMost(pause), RequestType.HELLO);
            if (reply.isPresent()) {
                return Payloads.helloReply(payloadOf(reply.get(), RequestType.HELLO), transport.describe());
            }
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(LONGEST_HELLO_PAUSE) < 0 ? doubled : LONGEST_HELLO_PAUSE;
        }
        throw new DeviceTimeoutException("No HELLO reply from " + transport.describe() + " within "
                + deadline.budget().toMillis() + " ms (" + helloSeqs.size() + " HELLOs sent)"
                + noiseNote(droppedBefore) + ". Is the device running the firmware of this project, which"
                + " speaks the standalone protocol?", null);
    }

    private byte[] request(RequestType type, byte[] payload, Deadline deadline) throws DeviceException {
        long droppedBefore = decoder.droppedBytes();
        decoder.clearDroppedSample();
        int seq = takeSeq();
        send(new Frame(type.type(), seq, payload), type, deadline);
        Optional<Frame> reply = awaitReply(s -> s == seq, deadline, type);
        if (reply.isEmpty()) {
            throw new DeviceTimeoutException("No reply to " + type + " from " + transport.describe() + " within "
                    + deadline.budget().toMillis() + " ms" + noiseNote(droppedBefore), null);
        }
        return payloadOf(reply.get(), type);
    }

    private int takeSeq() {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFF;
        return seq;
    }

    private void send(Frame frame, RequestType type, Deadline deadline) throws DeviceException {
        if (deadline.passed()) {
            throw new DeviceTimeoutException("No time left to send " + type + " to " + transport.describe()
                    + " within " + deadline.budget().toMillis() + " ms", null);
        }
        try {
            transport.write(frame.encode(), deadline.remaining());
        } catch (DeviceTimeoutException e) {
            throw new DeviceTimeoutException("Could not send " + type + " to " + transport.describe() + " within "
                    + deadline.budget().toMillis() + " ms: the device does not read", e);
        } catch (DeviceGoneException e) {
            throw gone("sending " + type, e);
        } catch (DeviceException e) {
            throw new DeviceException("Sending " + type + " failed: " + e.getMessage(), e);
        }
    }

    /** The first frame whose seq is accepted (others are late replies, skipped), or empty at the deadline. */
    private Optional<Frame> awaitReply(IntPredicate acceptedSeq, Deadline deadline, RequestType type)
            throws DeviceException {
        while (true) {
            for (Optional<Frame> f = decoder.next(); f.isPresent(); f = decoder.next()) {
                if (acceptedSeq.test(f.get().seq())) {
                    return f;
                }
            }
            if (deadline.passed()) {
                return Optional.empty();
            }
            try {
                decoder.feed(transport.read(READ_CHUNK_BYTES, deadline.remaining()));
            } catch (DeviceTimeoutException e) {
                return Optional.empty();
            } catch (DeviceGoneException e) {
                throw gone("waiting for the reply to " + type, e);
            } catch (DeviceException e) {
                throw new DeviceException("Waiting for the reply to " + type + " failed: " + e.getMessage(), e);
            }
        }
    }

    private byte[] payloadOf(Frame reply, RequestType type) throws DeviceException {
        if (reply.type() == Frame.ERROR_TYPE) {
            throw Payloads.error(reply.payload(), type, transport.describe());
        }
        if (reply.type() != type.replyType()) {
            throw new BadReplyException(String.format("The device (%s) answered %s with a frame of type 0x%02X,"
                    + " expected 0x%02X", transport.describe(), type, reply.type(), type.replyType()));
        }
        return reply.payload();
    }

    private DeviceGoneException gone(String doing, DeviceGoneException e) {
        return new DeviceGoneException("The device went away while " + doing + ": " + e.getMessage()
                + " (the program exited, or the board was reset or unplugged)", e);
    }

    /** Mentions bytes that were not frames, which usually means the device runs something else. */
    private String noiseNote(long droppedBefore) {
        long dropped = decoder.droppedBytes() - droppedBefore;
        if (dropped == 0) {
            return "";
        }
        return "; meanwhile " + dropped + " bytes arrived that were not frames of the standalone protocol,"
                + " the first ones: \"" + printable(decoder.droppedSample()) + "\"";
    }

    private static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }
}
