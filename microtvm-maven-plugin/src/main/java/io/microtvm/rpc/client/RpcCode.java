package io.microtvm.rpc.client;

/**
 * RPC codes of TVM's RPC protocol as served by the CRT's MinRPC server (docs/microtvm-rpc.md, "RPC
 * codes").
 */
public final class RpcCode {
    public static final int SHUTDOWN = 1;
    public static final int CALL_FUNC = 3;
    public static final int RETURN = 4;
    public static final int EXCEPTION = 5;
    public static final int COPY_FROM_REMOTE = 6;
    public static final int COPY_TO_REMOTE = 7;
    public static final int COPY_ACK = 8;
    public static final int GET_GLOBAL_FUNC = 9;
    public static final int FREE_HANDLE = 10;
    public static final int DEV_ALLOC_DATA = 13;
    public static final int DEV_STREAM_SYNC = 15;

    private RpcCode() {
    }
}
