package io.microtvm.rpc.client;

import java.util.ArrayList;
import java.util.List;

/** Reads RPC packets, little-endian; any read past the end is a {@link BadPacketException}. */
public final class PacketReader {
    private final byte[] data;
    private int position;

    public PacketReader(byte[] data) {
        this.data = data;
    }

    public int remaining() {
        return data.length - position;
    }

    public int i32() throws BadPacketException {
        need(4, "a 32-bit integer");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (data[position++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public long i64() throws BadPacketException {
        need(8, "a 64-bit integer");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (data[position++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    public byte[] raw(long n) throws BadPacketException {
        if (n < 0 || n > remaining()) {
            throw new BadPacketException(n + " bytes announced where " + remaining() + " remain");
        }
        byte[] out = new byte[(int) n];
        System.arraycopy(data, position, out, 0, out.length);
        position += out.length;
        return out;
    }

    public DlTensor tensor() throws BadPacketException {
        long address = i64();
        int deviceType = i32();
        int deviceId = i32();
        int ndim = i32();
        if (ndim < 0 || ndim > 64) {
            throw new BadPacketException("a DLTensor with ndim " + ndim);
        }
        need(4, "a DLDataType");
        int code = data[position++] & 0xFF;
        int bits = data[position++] & 0xFF;
        int lanes = (data[position++] & 0xFF) | ((data[position++] & 0xFF) << 8);
        long[] shape = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = i64();
        }
        return new DlTensor(address, deviceType, deviceId, code, bits, lanes, shape, i64());
    }

    public List<RpcValue> args() throws BadPacketException {
        int n = i32();
        if (n < 0 || n * 4L > remaining()) {
            throw new BadPacketException("an argument count of " + n);
        }
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = i32();
        }
        List<RpcValue> values = new ArrayList<>(n);
        for (int code : codes) {
            values.add(switch (code) {
                case TypeCode.INT, TypeCode.UINT, TypeCode.FLOAT, TypeCode.HANDLE, TypeCode.MODULE,
                     TypeCode.PACKED_FUNC, TypeCode.BOOL, TypeCode.DEVICE -> new RpcValue(code, i64(), null, null);
                case TypeCode.DATA_TYPE -> new RpcValue(code, i64(), null, null);
                case TypeCode.NULL -> RpcValue.NULL;
                case TypeCode.STR, TypeCode.BYTES -> new RpcValue(code, 0, raw(i64()), null);
                case TypeCode.DL_TENSOR -> RpcValue.ofTensor(tensor());
                default -> throw new BadPacketException("unknown argument type code " + code);
            });
        }
        return values;
    }

    private void need(int n, String what) throws BadPacketException {
        if (remaining() < n) {
            throw new BadPacketException("the packet ends where " + what + " was expected");
        }
    }
}
