package io.microtvm.rpc.client;

/**
 * Argument type codes of TVM's packed calls, as they travel in RPC packets (docs/microtvm-rpc.md,
 * "Argument encodings").
 */
public final class TypeCode {
    public static final int INT = 0;
    public static final int UINT = 1;
    public static final int FLOAT = 2;
    public static final int HANDLE = 3;
    public static final int NULL = 4;
    public static final int DATA_TYPE = 5;
    public static final int DEVICE = 6;
    public static final int DL_TENSOR = 7;
    public static final int MODULE = 9;
    public static final int PACKED_FUNC = 10;
    public static final int STR = 11;
    public static final int BYTES = 12;
    public static final int NDARRAY = 13;
    public static final int BOOL = 15;

    private TypeCode() {
    }
}
