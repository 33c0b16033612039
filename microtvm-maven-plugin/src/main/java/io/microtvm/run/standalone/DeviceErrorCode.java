package io.microtvm.run.standalone;

import java.util.Optional;

/** The codes of the device's ERROR reply, with what their detail field holds. */
public enum DeviceErrorCode {
    /** The request type is unknown to the device; detail: the type. */
    UNKNOWN_TYPE(1),
    /** The payload has the wrong length for its type; detail: the length received. */
    BAD_LENGTH(2),
    /** No input or output with that index; detail: the index. */
    BAD_INDEX(3),
    /** Offset and length reach outside the tensor; detail: the tensor's size in bytes. */
    BAD_RANGE(4),
    /** More than the device can send or hold at once; detail: the limit. */
    TOO_LARGE(5),
    /** The model's run function returned non-zero; detail: what it returned. */
    RUN_FAILED(6),
    /** The device faulted (a CPU exception, e.g. HardFault) while serving the request and stopped; detail: a
     * fault status register (CFSR on Cortex-M), the message names the exception. */
    DEVICE_FAULT(7),
    /** LOAD_INPUT or SAVE_OUTPUT could not open, read or write the host file, or its size is not the tensor's;
     * detail: the host's error number, or the byte count read or written. */
    HOST_FILE_FAILED(8);

    private final int code;

    DeviceErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The known code with this number; empty for codes of a newer protocol version. */
    public static Optional<DeviceErrorCode> of(int code) {
        for (DeviceErrorCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
