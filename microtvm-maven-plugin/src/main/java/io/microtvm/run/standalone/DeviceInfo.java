package io.microtvm.run.standalone;

import java.util.List;
import java.util.Objects;

/**
 * What the device said about itself in its HELLO reply.
 *
 * @param protocolMajor  the protocol's major version; this host speaks only {@link StandaloneSession#PROTOCOL_MAJOR}
 * @param protocolMinor  the minor version (additions only)
 * @param modelId        SHA-256 of the MLF the firmware was generated from, lower-case hex
 * @param inputs         the model's inputs, in model order
 * @param outputs        the model's outputs, in model order
 * @param maxPayload     the largest request payload the device accepts, and the largest output chunk it sends
 * @param timerName      what the device's ticks count, e.g. {@code clock_gettime(CLOCK_MONOTONIC)}
 * @param ticksPerSecond the rate of those ticks
 * @param capabilities   what the device offers beyond the 1.0 requests (1.1; none from a 1.0 device): {@link
 *                       #HOST_FILES}
 */
public record DeviceInfo(int protocolMajor, int protocolMinor, String modelId, List<TensorInfo> inputs,
        List<TensorInfo> outputs, int maxPayload, String timerName, long ticksPerSecond, long capabilities) {

    /** Capability bit 0: the device can read an input from, and write an output to, a file of the host that runs it. */
    public static final long HOST_FILES = 0x1;

    /** A device that offers nothing beyond the 1.0 requests. */
    public DeviceInfo(int protocolMajor, int protocolMinor, String modelId, List<TensorInfo> inputs,
                      List<TensorInfo> outputs, int maxPayload, String timerName, long ticksPerSecond) {
        this(protocolMajor, protocolMinor, modelId, inputs, outputs, maxPayload, timerName, ticksPerSecond, 0);
    }

    public DeviceInfo {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(timerName, "timerName");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Whether the device answers LOAD_INPUT and SAVE_OUTPUT. */
    public boolean offersHostFiles() {
        return (capabilities & HOST_FILES) != 0;
    }

    /** {@code major.minor}, e.g. {@code 1.0}. */
    public String protocolVersion() {
        return protocolMajor + "." + protocolMinor;
    }
}
