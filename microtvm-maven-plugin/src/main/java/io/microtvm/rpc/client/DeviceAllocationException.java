package io.microtvm.rpc.client;

import io.microtvm.transport.DeviceException;

/**
 * The device refused {@code DevAllocData}: its CRT memory pool has no room for the tensor. Kept apart
 * from other refusals so the run can say which setting sizes that pool.
 */
public final class DeviceAllocationException extends DeviceException {
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;

    public DeviceAllocationException(long requestedBytes, RemoteException refusal) {
        super(refusal.getMessage(), refusal);
        this.requestedBytes = requestedBytes;
    }

    public long requestedBytes() {
        return requestedBytes;
    }
}
