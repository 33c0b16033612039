package io.microtvm.rpc.client;

import java.util.Arrays;

/**
 * A DLTensor descriptor as it travels in RPC packets (docs/microtvm-rpc.md, "Argument encodings"):
 * the device address of the data (opaque to the host), the device, the element type and the shape.
 * Strides are never sent.
 *
 * @param data       device address of the data
 * @param deviceType 1 = CPU (the only one the CRT has)
 * @param deviceId   0
 * @param dtypeCode  DLPack type code: 0 int, 1 uint, 2 float, 4 bfloat
 * @param dtypeBits  bits per lane
 * @param dtypeLanes lanes, 1
 * @param shape      dimensions
 * @param byteOffset offset of the first element from {@code data}
 */
public record DlTensor(long data, int deviceType, int deviceId, int dtypeCode, int dtypeBits, int dtypeLanes,
                       long[] shape, long byteOffset) {

    public DlTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Bytes the tensor's data takes: elements times ceil(bits * lanes / 8). */
    public long sizeBytes() {
        long elements = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return elements * ((dtypeBits * (long) dtypeLanes + 7) / 8);
    }

    /** The same tensor seen from {@code offset} bytes in. */
    public DlTensor atOffset(long offset) {
        return new DlTensor(data, deviceType, deviceId, dtypeCode, dtypeBits, dtypeLanes, shape, offset);
    }

    /** The numpy name of the element type, e.g. float32, int8; null for types numpy lacks. */
    public String dtypeName() {
        if (dtypeLanes != 1) {
            return null;
        }
        return switch (dtypeCode) {
            case 0 -> "int" + dtypeBits;
            case 1 -> dtypeBits == 1 ? "bool" : "uint" + dtypeBits;
            case 2 -> "float" + dtypeBits;
            default -> null;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DlTensor t && data == t.data && deviceType == t.deviceType && deviceId == t.deviceId
                && dtypeCode == t.dtypeCode && dtypeBits == t.dtypeBits && dtypeLanes == t.dtypeLanes
                && Arrays.equals(shape, t.shape) && byteOffset == t.byteOffset;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(data) * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return String.format("DLTensor(data=0x%x, dev=(%d,%d), dtype=(%d,%d,%d), shape=%s, offset=%d)", data,
                deviceType, deviceId, dtypeCode, dtypeBits, dtypeLanes, Arrays.toString(shape), byteOffset);
    }
}
