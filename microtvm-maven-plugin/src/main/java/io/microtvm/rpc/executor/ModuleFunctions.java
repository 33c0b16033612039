package io.microtvm.rpc.executor;

import io.microtvm.rpc.client.MinRpcClient;
import io.microtvm.rpc.client.RpcValue;
import io.microtvm.transport.DeviceException;
import java.util.List;
import java.util.Optional;

/**
 * Looks up functions of a device module with {@code tvm.rpc.server.ModuleGetFunction}.
 * {@code query_imports} goes as Int, not Bool: firmware older than TVM 0.18 hangs on Bool
 * (docs/microtvm-rpc.md, "Older firmware").
 */
final class ModuleFunctions {
    static final String MODULE_GET_FUNCTION = "tvm.rpc.server.ModuleGetFunction";
    static final String SYSTEM_LIB = "runtime.SystemLib";

    private final MinRpcClient client;
    private final long module;
    private final long getFunction;
    private final String what;

    private ModuleFunctions(MinRpcClient client, long module, long getFunction, String what) {
        this.client = client;
        this.module = module;
        this.getFunction = getFunction;
        this.what = what;
    }

    static ModuleFunctions of(MinRpcClient client, long module, String what) throws DeviceException {
        return new ModuleFunctions(client, module, requireGlobal(client, MODULE_GET_FUNCTION), what);
    }

    /** The module's function, or empty when it has none of that name. */
    Optional<Long> find(String name) throws DeviceException {
        var r = client.call(getFunction, List.of(RpcValue.ofModule(module), RpcValue.ofStr(name), RpcValue.ofInt(1)),
                "ModuleGetFunction(" + what + ", " + name + ")");
        return r.isVoid() ? Optional.empty() : Optional.of(r.value().asLong());
    }

    long require(String name) throws DeviceException {
        return find(name).orElseThrow(() -> new MissingFunctionException("The device's " + what + " has no function '"
                + name + "'; the firmware's TVM CRT is too old or not a CRT RPC server"));
    }

    /** The system library module: the model's generated code. */
    static long systemLib(MinRpcClient client) throws DeviceException {
        long f = requireGlobal(client, SYSTEM_LIB);
        return client.call(f, List.of(), SYSTEM_LIB + "()").value().asLong();
    }

    static long requireGlobal(MinRpcClient client, String name) throws DeviceException {
        long f = client.getGlobalFunc(name);
        if (f == 0) {
            throw new MissingFunctionException("The device has no global function '" + name + "': its firmware is not a"
                    + " TVM CRT RPC server with " + name + " registered");
        }
        return f;
    }
}
