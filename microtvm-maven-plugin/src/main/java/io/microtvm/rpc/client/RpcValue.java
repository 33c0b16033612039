package io.microtvm.rpc.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One value of a packed argument sequence: its type code and its content. Integers, handles and
 * booleans keep their 64 bits in {@code bits}; floats their IEEE-754 double bits; strings and
 * bytes their bytes; tensors their descriptor; a device its type and id in {@code bits}
 * (type low, id high).
 */
public record RpcValue(int typeCode, long bits, byte[] bytes, DlTensor tensor) {

    public static final RpcValue NULL = new RpcValue(TypeCode.NULL, 0, null, null);

    public static RpcValue ofInt(long v) {
        return new RpcValue(TypeCode.INT, v, null, null);
    }

    public static RpcValue ofHandle(long h) {
        return new RpcValue(TypeCode.HANDLE, h, null, null);
    }

    public static RpcValue ofModule(long h) {
        return new RpcValue(TypeCode.MODULE, h, null, null);
    }

    public static RpcValue ofFunction(long h) {
        return new RpcValue(TypeCode.PACKED_FUNC, h, null, null);
    }

    public static RpcValue ofBool(boolean b) {
        return new RpcValue(TypeCode.BOOL, b ? 1 : 0, null, null);
    }

    public static RpcValue ofFloat(double d) {
        return new RpcValue(TypeCode.FLOAT, Double.doubleToRawLongBits(d), null, null);
    }

    public static RpcValue ofStr(String s) {
        return new RpcValue(TypeCode.STR, 0, s.getBytes(StandardCharsets.UTF_8), null);
    }

    public static RpcValue ofBytes(byte[] b) {
        return new RpcValue(TypeCode.BYTES, 0, b.clone(), null);
    }

    /** A device: {@code (1, 0)} is the CPU, the only device of the CRT. */
    public static RpcValue ofDevice(int type, int id) {
        return new RpcValue(TypeCode.DEVICE, (type & 0xFFFFFFFFL) | ((long) id << 32), null, null);
    }

    /** A DLDataType packed as code | bits << 8 | lanes << 16 (its 4 padding bytes are zero). */
    public static RpcValue ofDataType(long packed) {
        return new RpcValue(TypeCode.DATA_TYPE, packed, null, null);
    }

    public static RpcValue ofTensor(DlTensor t) {
        return new RpcValue(TypeCode.DL_TENSOR, 0, null, t);
    }

    public String asString() {
        require(TypeCode.STR);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public long asLong() {
        if (typeCode != TypeCode.INT && typeCode != TypeCode.UINT && typeCode != TypeCode.HANDLE
                && typeCode != TypeCode.MODULE && typeCode != TypeCode.PACKED_FUNC && typeCode != TypeCode.BOOL
                && typeCode != TypeCode.DATA_TYPE) {
            throw new IllegalStateException("not an integer or handle value: type code " + typeCode);
        }
        return bits;
    }

    public double asDouble() {
        require(TypeCode.FLOAT);
        return Double.longBitsToDouble(bits);
    }

    private void require(int code) {
        if (typeCode != code) {
            throw new IllegalStateException("expected type code " + code + ", got " + typeCode);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcValue v && typeCode == v.typeCode && bits == v.bits && Arrays.equals(bytes, v.bytes)
                && java.util.Objects.equals(tensor, v.tensor);
    }

    @Override
    public int hashCode() {
        return typeCode * 31 + Long.hashCode(bits);
    }

    @Override
    public String toString() {
        return switch (typeCode) {
            case TypeCode.STR -> "Str " + asString();
            case TypeCode.NULL -> "Null";
            case TypeCode.DL_TENSOR -> tensor.toString();
            case TypeCode.BYTES -> "Bytes(" + bytes.length + ")";
            default -> "type " + typeCode + " 0x" + Long.toHexString(bits);
        };
    }
}
