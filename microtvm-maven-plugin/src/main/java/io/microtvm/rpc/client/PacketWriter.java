package io.microtvm.rpc.client;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds RPC packets, little-endian (docs/microtvm-rpc.md, "Packet" and "Argument encodings"). */
public final class PacketWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PacketWriter i32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    public PacketWriter i64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public PacketWriter raw(byte[] b, int offset, int length) {
        out.write(b, offset, length);
        return this;
    }

    /** A DLTensor descriptor: data, device, ndim, dtype, shape, byte_offset (32 + 8 * ndim bytes). */
    public PacketWriter tensor(DlTensor t) {
        long[] shape = t.shape();
        i64(t.data()).i32(t.deviceType()).i32(t.deviceId()).i32(shape.length);
        out.write(t.dtypeCode());
        out.write(t.dtypeBits());
        out.write(t.dtypeLanes());
        out.write(t.dtypeLanes() >>> 8);
        for (long d : shape) {
            i64(d);
        }
        return i64(t.byteOffset());
    }

    /** A packed argument sequence: count, type codes, then each value in its wire encoding. */
    public PacketWriter args(List<RpcValue> values) {
        i32(values.size());
        for (RpcValue v : values) {
            i32(v.typeCode());
        }
        for (RpcValue v : values) {
            switch (v.typeCode()) {
                case TypeCode.INT, TypeCode.UINT, TypeCode.FLOAT, TypeCode.HANDLE, TypeCode.MODULE,
                     TypeCode.PACKED_FUNC, TypeCode.BOOL, TypeCode.DEVICE, TypeCode.DATA_TYPE -> i64(v.bits());
                case TypeCode.NULL -> { }
                case TypeCode.STR, TypeCode.BYTES -> {
                    i64(v.bytes().length);
                    raw(v.bytes(), 0, v.bytes().length);
                }
                case TypeCode.DL_TENSOR -> tensor(v.tensor());
                default -> throw new IllegalArgumentException("type code " + v.typeCode()
                        + " cannot be sent to a CRT device");
            }
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** The packet with its u64 length prefix, as it goes into a Normal session message. */
    public byte[] withLengthPrefix() {
        byte[] body = out.toByteArray();
        return new PacketWriter().i64(body.length).raw(body, 0, body.length).toByteArray();
    }
}
