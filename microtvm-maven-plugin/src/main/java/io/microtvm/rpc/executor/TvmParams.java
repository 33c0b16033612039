package io.microtvm.rpc.executor;

import io.microtvm.rpc.client.BadPacketException;
import io.microtvm.rpc.client.PacketReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TVM's saved parameter blob (an MLF's parameters/NAME.params, {@code tvm.runtime.save_param_dict}):
 * a magic, the names, then one serialized NDArray per name (magic, device, ndim, dtype, shape,
 * byte count, data; little-endian; docs/mlf.md, "The parameters file"). Only the raw data is kept:
 * the graph says the shapes.
 */
public final class TvmParams {
    static final long LIST_MAGIC = 0xF7E58D4F05049CB7L;
    static final long NDARRAY_MAGIC = 0xDD5E40F096B4A13FL;

    private TvmParams() {
    }

    /** Parameter name to its raw bytes, in file order. */
    public static Map<String, byte[]> parse(byte[] blob) throws BadPacketException {
        Map<String, byte[]> params = new LinkedHashMap<>();
        if (blob.length == 0) {
            return params;
        }
        PacketReader r = new PacketReader(blob);
        if (r.i64() != LIST_MAGIC) {
            throw new BadPacketException("not a TVM parameter file (wrong magic)");
        }
        r.i64(); // reserved
        long count = r.i64();
        if (count < 0 || count > blob.length) {
            throw new BadPacketException("a parameter file announcing " + count + " names");
        }
        List<String> names = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            names.add(new String(r.raw(r.i64()), StandardCharsets.UTF_8));
        }
        if (r.i64() != count) {
            throw new BadPacketException("a parameter file with different numbers of names and arrays");
        }
        for (String name : names) {
            if (r.i64() != NDARRAY_MAGIC) {
                throw new BadPacketException("parameter " + name + " is not a serialized NDArray");
            }
            r.i64(); // reserved
            r.i64(); // device type and id
            int ndim = r.i32();
            r.i32(); // dtype: the graph has it
            for (int d = 0; d < ndim; d++) {
                r.i64();
            }
            params.put(name, r.raw(r.i64()));
        }
        return params;
    }
}
