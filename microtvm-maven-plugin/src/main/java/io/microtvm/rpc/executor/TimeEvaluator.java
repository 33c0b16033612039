package io.microtvm.rpc.executor;

import io.microtvm.rpc.client.CallResult;
import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.rpc.client.TypeCode;
import io.microtvm.transport.DeviceException;
import java.time.Duration;
import java.util.List;

/**
 * The device's timer, through {@code runtime.RPCTimeEvaluator} (docs/microtvm-rpc.md, "The device
 * timer"; the v0.14+ 12-argument form): the device calls a module function once untimed, then
 * {@code number} times between its platform timer's start and stop, and returns the mean seconds
 * per call. The only timer the CRT exposes; the CRT keeps only the latest evaluator callable.
 */
public final class TimeEvaluator {
    static final String GLOBAL = "runtime.RPCTimeEvaluator";

    private final MinRpcClient client;
    private final long evaluator;
    private final String what;

    private TimeEvaluator(MinRpcClient client, long evaluator, String what) {
        this.client = client;
        this.evaluator = evaluator;
        this.what = what;
    }

    /** An evaluator of {@code function} of {@code module}, one timed call per measurement. */
    public static TimeEvaluator create(MinRpcClient client, long module, String function) throws DeviceException {
        long f = ModuleFunctions.requireGlobal(client, GLOBAL);
        List<RpcValue> args = List.of(RpcValue.ofModule(module), RpcValue.ofStr(function), RpcValue.ofInt(1),
                RpcValue.ofInt(0), RpcValue.ofInt(1) /* number */, RpcValue.ofInt(1) /* repeat */,
                RpcValue.ofInt(0) /* min_repeat_ms */, RpcValue.ofInt(100) /* limit_zero_time_iterations */,
                RpcValue.ofInt(0) /* cooldown_interval_ms */, RpcValue.ofInt(1) /* repeats_to_cooldown */,
                RpcValue.ofInt(0) /* cache_flush_bytes */, RpcValue.ofStr("") /* f_preproc */);
        String what = GLOBAL + "(" + function + ")";
        return new TimeEvaluator(client, client.call(f, args, what).value().asLong(), what);
    }

    /** Runs the function (twice: warm-up, then timed) and returns the device's seconds for the timed call. */
    public double measure(List<RpcValue> args, Duration timeout) throws DeviceException {
        CallResult r = client.call(evaluator, args, what + "()", timeout);
        if (r.returnType() != TypeCode.BYTES || r.value().bytes().length != 8) {
            throw new DeviceException(what + " returned type " + r.returnType() + " instead of one double");
        }
        byte[] b = r.value().bytes();
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (b[i] & 0xFFL) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }
}
