package io.microtvm.run.standalone;

/**
 * From which size on a tensor travels through a file on the device's host instead of the byte channel
 * ({@code microtvm.hostFileThreshold}): LOAD_INPUT and SAVE_OUTPUT of protocol 1.1, where the firmware
 * offers them and the transport is the template's own.
 *
 * @param bytes tensors of this many bytes or more; 0: every tensor; -1: none
 */
public record HostFileThreshold(long bytes) {
    /** The default: 16 KiB, below which the channel's round trips cost less than the files. */
    public static final long DEFAULT_BYTES = 16 * 1024;
    public static final HostFileThreshold DEFAULT = new HostFileThreshold(DEFAULT_BYTES);
    /** Every tensor over the byte channel, as with a 1.0 device. */
    public static final HostFileThreshold NEVER = new HostFileThreshold(-1);

    public HostFileThreshold {
        if (bytes < -1) {
            throw new IllegalArgumentException("The host-file threshold must be a size in"
                    + " bytes, 0 (every tensor through host files where possible) or -1 (never); got " + bytes);
        }
    }

    /** Whether a tensor of {@code sizeBytes} is big enough to go through a host file. */
    public boolean covers(long sizeBytes) {
        return bytes >= 0 && sizeBytes >= bytes;
    }

    @Override
    public String toString() {
        return bytes < 0 ? "-1 (never)" : bytes + " bytes";
    }
}
