package io.microtvm.run.standalone;

import io.microtvm.transport.DeviceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * The payload layouts of the standalone protocol ({@code docs/standalone-protocol.md}): requests
 * encoded, replies decoded. Replies may carry fields appended by later minor versions; those
 * trailing bytes are ignored.
 */
final class Payloads {
    /** Index u16 and offset u32 before a SET_INPUT's data. */
    static final int SET_INPUT_HEADER_BYTES = 6;
    /** Index u16 and the path's length u16 before a LOAD_INPUT's or SAVE_OUTPUT's path. */
    static final int HOST_FILE_HEADER_BYTES = 4;
    /** The smallest max_payload a device may announce. */
    static final int MIN_MAX_PAYLOAD = 16;
    static final int MODEL_ID_BYTES = 32;
    private static final int SHAPE_KNOWN_FLAG = 0x01;

    private Payloads() {
    }

    static byte[] setInput(int index, long offset, byte[] data, int from, int length) {
        return ByteBuffer.allocate(SET_INPUT_HEADER_BYTES + length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) index).putInt((int) offset).put(data, from, length).array();
    }

    static byte[] getOutput(int index, long offset, int length) {
        return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) index).putInt((int) offset).putInt(length).array();
    }

    /** LOAD_INPUT and SAVE_OUTPUT: u16 index, then the host file's path as a str. */
    static byte[] hostFile(int index, byte[] path) {
        return ByteBuffer.allocate(HOST_FILE_HEADER_BYTES + path.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) index).putShort((short) path.length).put(path).array();
    }

    /** The HELLO reply; the version is checked before anything else is read. */
    static DeviceInfo helloReply(byte[] payload, String source) throws DeviceException {
        PayloadReader in = new PayloadReader(payload, "the HELLO reply from " + source);
        int major = in.u8("the major version");
        int minor = payload.length > 1 ? in.u8("the minor version") : 0;
        if (major != StandaloneSession.PROTOCOL_MAJOR) {
            throw new IncompatibleProtocolException(major, minor, source);
        }
        int maxPayload = in.u16("max_payload");
        if (maxPayload < MIN_MAX_PAYLOAD) {
            throw new BadReplyException("The device (" + source + ") announces a max payload of " + maxPayload
                    + " bytes, below the protocol's minimum of " + MIN_MAX_PAYLOAD);
        }
        String modelId = HexFormat.of().formatHex(in.bytes(MODEL_ID_BYTES, "the model id"));
        long ticksPerSecond = in.u32("ticks_per_second");
        if (ticksPerSecond == 0) {
            throw new BadReplyException("The device (" + source + ") announces a timer of 0 ticks per second");
        }
        String timerName = in.text("the timer name");
        int inputCount = in.u16("the input count");
        int outputCount = in.u16("the output count");
        List<TensorInfo> inputs = tensors(in, inputCount, "input");
        List<TensorInfo> outputs = tensors(in, outputCount, "output");
        // 1.1 appended the capabilities; a 1.0 reply ends with the tensor table
        long capabilities = in.remaining() >= 4 ? in.u32("the capabilities") : 0;
        return new DeviceInfo(major, minor, modelId, inputs, outputs, maxPayload, timerName, ticksPerSecond,
                capabilities);
    }

    private static List<TensorInfo> tensors(PayloadReader in, int count, String role) throws BadReplyException {
        List<TensorInfo> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String entry = role + " " + i + "'s ";
            String name = in.text(entry + "name");
            String dtype = in.text(entry + "dtype");
            int flags = in.u8(entry + "flags");
            long[] shape = new long[in.u8(entry + "ndim")];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.u32(entry + "dimension " + d);
            }
            long sizeBytes = in.u32(entry + "size");
            tensors.add(new TensorInfo(name, dtype, shape, (flags & SHAPE_KNOWN_FLAG) != 0, sizeBytes));
        }
        return tensors;
    }

    /**
     * The RUN reply; a non-zero status is a failed run like an ERROR RUN_FAILED. The output digest
     * (since 1.1) is read when the payload has one: a 1.0 reply ends after the ticks.
     */
    static RunTiming runReply(byte[] payload, long ticksPerSecond, String source) throws DeviceException {
        PayloadReader in = new PayloadReader(payload, "the RUN reply from " + source);
        int status = in.i32("the status");
        long ticks = in.u64("the elapsed ticks");
        OptionalLong digest = in.remaining() >= 4 ? OptionalLong.of(in.u32("the output digest")) : OptionalLong.empty();
        if (status != 0) {
            throw new DeviceErrorException(RequestType.RUN, DeviceErrorCode.RUN_FAILED.code(), status,
                    "the model's run function returned " + status, source);
        }
        if (ticks < 0) {
            throw new BadReplyException("The device (" + source + ") reports " + Long.toUnsignedString(ticks)
                    + " elapsed ticks, more than 2^63: its timer is broken");
        }
        return new RunTiming(ticks, ticksPerSecond, digest);
    }

    /** The ERROR reply to {@code request}, as the exception to throw. */
    static DeviceErrorException error(byte[] payload, RequestType request, String source) throws BadReplyException {
        PayloadReader in = new PayloadReader(payload, "the ERROR reply from " + source);
        int code = in.u16("the error code");
        int detail = in.i32("the detail");
        String message = in.text("the message");
        return new DeviceErrorException(request, code, detail, message, source);
    }
}
