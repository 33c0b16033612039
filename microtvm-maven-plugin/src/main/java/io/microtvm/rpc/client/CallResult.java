package io.microtvm.rpc.client;

import java.util.List;

/**
 * What a CallFunc returned (docs/microtvm-rpc.md, "Replies"): the return type code and the values
 * after it, one value, or for an NDArray two (the DLTensor and the NDArray handle to free).
 */
public record CallResult(int returnType, List<RpcValue> values) {

    public CallResult {
        values = List.copyOf(values);
    }

    public boolean isVoid() {
        return returnType == TypeCode.NULL;
    }

    public RpcValue value() {
        if (values.isEmpty()) {
            throw new IllegalStateException("the call returned nothing");
        }
        return values.get(0);
    }

    /** The tensor of an NDArray return. */
    public DlTensor tensor() {
        if (returnType != TypeCode.NDARRAY || values.size() != 2 || values.get(0).tensor() == null) {
            throw new IllegalStateException("the call returned type " + returnType + ", not an NDArray");
        }
        return values.get(0).tensor();
    }
}
