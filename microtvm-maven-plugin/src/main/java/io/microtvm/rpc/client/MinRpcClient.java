package io.microtvm.rpc.client;

import io.microtvm.rpc.session.MicroSession;
import io.microtvm.transport.DeviceException;
import java.time.Duration;
import java.util.List;

/**
 * The RPC layer over a microTVM session, host side, as TVM's RPC client speaks it to the CRT's
 * MinRPC server (docs/microtvm-rpc.md, "RPC packets"): global function lookup, calls, handle
 * release, and chunked copies to and from device memory sized by
 * {@code tvm.rpc.server.GetCRTMaxPacketSize} ("Copy chunking" there). Requests are validated here
 * because the device hangs on malformed ones. One request in flight; every reply is awaited at most
 * {@code replyTimeout}. Not thread-safe.
 */
public final class MinRpcClient {
    static final String MAX_PACKET_SIZE_FUNCTION = "tvm.rpc.server.GetCRTMaxPacketSize";
    /** Per-copy overhead besides the shape: code, data, device, ndim, dtype, byte_offset, nbytes. */
    static final int COPY_OVERHEAD_BYTES = 44;

    private final MicroSession session;
    private final Duration replyTimeout;
    private long maxPacketSize = -1;
    private long requests;

    public MinRpcClient(MicroSession session, Duration replyTimeout) {
        this.session = session;
        this.replyTimeout = replyTimeout;
    }

    /** The handle of a global function, or 0 when the device has none of that name. */
    public long getGlobalFunc(String name) throws DeviceException {
        return syscall(RpcCode.GET_GLOBAL_FUNC, List.of(RpcValue.ofStr(name)), "GetGlobalFunc(" + name + ")")
                .asLong();
    }

    /** Calls a function handle; {@code replyTimeout} bounds the wait. */
    public CallResult call(long function, List<RpcValue> args, String what) throws DeviceException {
        return call(function, args, what, replyTimeout);
    }

    /** Calls a function handle waiting at most {@code timeout} (a model run may take long). */
    public CallResult call(long function, List<RpcValue> args, String what, Duration timeout)
            throws DeviceException {
        byte[] request = new PacketWriter().i32(RpcCode.CALL_FUNC).i64(function).args(args).toByteArray();
        PacketReader reply = exchange(request, RpcCode.RETURN, what, timeout);
        List<RpcValue> values = decode(reply, what);
        if (values.isEmpty() || values.get(0).typeCode() != TypeCode.INT) {
            throw bad(what, "a call reply without its return type code: " + values);
        }
        int returnType = (int) values.get(0).bits();
        List<RpcValue> rest = values.subList(1, values.size());
        int expected = returnType == TypeCode.NDARRAY ? 2 : 1;
        if (rest.size() != expected) {
            throw bad(what, "return type " + returnType + " with " + rest.size() + " values");
        }
        return new CallResult(returnType, rest);
    }

    /** Releases a handle the device gave out (type 13 NDArray, 10 PackedFunc, 9 Module). */
    public void freeHandle(long handle, int typeCode) throws DeviceException {
        if (typeCode != TypeCode.NDARRAY && typeCode != TypeCode.PACKED_FUNC && typeCode != TypeCode.MODULE) {
            throw new IllegalArgumentException("FreeHandle takes type 9, 10 or 13, not " + typeCode);
        }
        syscall(RpcCode.FREE_HANDLE, List.of(RpcValue.ofHandle(handle), RpcValue.ofInt(typeCode)),
                "FreeHandle(0x" + Long.toHexString(handle) + ")");
    }

    /** Writes {@code data} into the tensor's memory from its start (its byte offset), in as many packets as needed. */
    public void copyToRemote(DlTensor tensor, byte[] data) throws DeviceException {
        if (data.length > tensor.sizeBytes()) {
            throw new IllegalArgumentException(data.length + " bytes do not fit " + tensor + " ("
                    + tensor.sizeBytes() + " bytes)");
        }
        int block = blockSize(tensor);
        for (int offset = 0; offset < data.length; offset += block) {
            int n = Math.min(block, data.length - offset);
            byte[] request = new PacketWriter().i32(RpcCode.COPY_TO_REMOTE).tensor(tensor.atOffset(tensor.byteOffset() + offset)).i64(n)
                    .raw(data, offset, n).toByteArray();
            String what = "CopyToRemote(offset " + offset + ", " + n + " bytes)";
            List<RpcValue> reply = decode(exchange(request, RpcCode.RETURN, what, replyTimeout), what);
            if (reply.size() != 1) {
                throw bad(what, "a reply of " + reply.size() + " values");
            }
        }
    }

    /** Reads {@code nbytes} of the tensor's memory from its start, in as many packets as needed. */
    public byte[] copyFromRemote(DlTensor tensor, int nbytes) throws DeviceException {
        if (nbytes > tensor.sizeBytes()) {
            throw new IllegalArgumentException(nbytes + " bytes exceed " + tensor + " (" + tensor.sizeBytes()
                    + " bytes)");
        }
        byte[] out = new byte[nbytes];
        int block = blockSize(tensor);
        for (int offset = 0; offset < nbytes; offset += block) {
            int n = Math.min(block, nbytes - offset);
            byte[] request = new PacketWriter().i32(RpcCode.COPY_FROM_REMOTE).tensor(tensor.atOffset(tensor.byteOffset() + offset)).i64(n)
                    .toByteArray();
            String what = "CopyFromRemote(offset " + offset + ", " + n + " bytes)";
            PacketReader reply = exchange(request, RpcCode.COPY_ACK, what, replyTimeout);
            if (reply.remaining() != n) {
                throw bad(what, reply.remaining() + " bytes where " + n + " were asked for");
            }
            byte[] chunk;
            try {
                chunk = reply.raw(n);
            } catch (BadPacketException e) {
                throw bad(what, e.getMessage());
            }
            System.arraycopy(chunk, 0, out, offset, n);
        }
        return out;
    }

    /** The device's largest RPC packet (without its length prefix), asked once per session. */
    public long maxPacketSize() throws DeviceException {
        if (maxPacketSize < 0) {
            long f = getGlobalFunc(MAX_PACKET_SIZE_FUNCTION);
            // TVM's client treats a device without the function as unlimited
            maxPacketSize = f == 0 ? Integer.MAX_VALUE
                    : call(f, List.of(), MAX_PACKET_SIZE_FUNCTION + "()").value().asLong();
        }
        return maxPacketSize;
    }

    /** Requests sent so far, for statistics. */
    public long requests() {
        return requests;
    }

    int blockSize(DlTensor tensor) throws DeviceException {
        long block = maxPacketSize() - (COPY_OVERHEAD_BYTES + 8L * tensor.shape().length);
        if (block < 1) {
            throw new DeviceException("The device's packets (" + maxPacketSize + " bytes) are too small to"
                    + " copy a " + tensor.shape().length + "-D tensor");
        }
        return (int) Math.min(block, 1 << 20);
    }

    /** A syscall (code 9 and up): one packed argument sequence in, one value out. */
    public RpcValue syscall(int code, List<RpcValue> args, String what) throws DeviceException {
        byte[] request = new PacketWriter().i32(code).args(args).toByteArray();
        List<RpcValue> values = decode(exchange(request, RpcCode.RETURN, what, replyTimeout), what);
        if (values.size() != 1) {
            throw bad(what, "a syscall reply of " + values.size() + " values");
        }
        return values.get(0);
    }

    /** Sends one request, returns its reply after the code, which must be {@code expectedCode}. */
    private PacketReader exchange(byte[] request, int expectedCode, String what, Duration timeout)
            throws DeviceException {
        requests++;
        session.send(new PacketWriter().raw(request, 0, request.length).withLengthPrefix());
        PacketReader reply = new PacketReader(session.receive(timeout, what));
        try {
            long length = reply.i64();
            if (length != reply.remaining()) {
                throw bad(what, "a packet announcing " + length + " bytes but carrying " + reply.remaining());
            }
            int code = reply.i32();
            if (code == RpcCode.EXCEPTION) {
                List<RpcValue> message = reply.args();
                String text = message.size() == 1 && message.get(0).typeCode() == TypeCode.STR
                        ? message.get(0).asString() : "";
                throw new RemoteException("The device refused " + what + (text.isEmpty()
                        ? " (the CRT gave no message)" : ": " + text));
            }
            if (code != expectedCode) {
                throw bad(what, "RPC code " + code + " where " + expectedCode + " was expected");
            }
            return reply;
        } catch (BadPacketException e) {
            throw bad(what, e.getMessage());
        }
    }

    private static List<RpcValue> decode(PacketReader reply, String what) throws DeviceException {
        try {
            return reply.args();
        } catch (BadPacketException e) {
            throw bad(what, e.getMessage());
        }
    }

    private static DeviceException bad(String what, String detail) {
        return new DeviceException("Malformed reply to " + what + ": " + detail);
    }
}
