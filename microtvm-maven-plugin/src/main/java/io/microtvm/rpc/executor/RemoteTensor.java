package io.microtvm.rpc.executor;

import io.microtvm.rpc.client.DlTensor;

/**
 * A model input or output living in device memory.
 *
 * @param name   the model's name for it; for outputs {@code output_N}
 * @param tensor where it lives and what it holds, as the device described it
 */
public record RemoteTensor(String name, DlTensor tensor) {
}
