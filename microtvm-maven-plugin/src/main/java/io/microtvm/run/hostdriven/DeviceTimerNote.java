package io.microtvm.run.hostdriven;

import io.microtvm.BuildLog;

/**
 * The build log of a host-driven session, passing everything on, that also keeps what the device
 * says about its timer. TVM's RPC has no query for it, so a firmware that wants its device time
 * read correctly logs one line {@code device timer: <what it counts>} (the plugin's qemu-arm
 * firmware does, e.g. that under QEMU -icount the ticks count emulated instructions).
 */
final class DeviceTimerNote implements BuildLog {
    static final String PREFIX = "[device] device timer: ";

    private final BuildLog log;
    private volatile String description;

    DeviceTimerNote(BuildLog log) {
        this.log = log;
    }

    /** What the device said its timer counts, or null when it said nothing. */
    String description() {
        return description;
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        if (message.startsWith(PREFIX)) {
            description = message.substring(PREFIX.length()).strip();
        }
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }
}
