package io.microtvm.transport;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One user of a board at a time: a lock per serial port, taken for as long as the port is open, so
 * that two builds on one agent never talk to the same board at once (their frames would mix and
 * both runs fail, or worse, one flashes while the other runs). The lock file is in the temp dir,
 * named after the port's real path (so {@code /dev/serial/by-id/...} and the {@code /dev/ttyACM0}
 * it links to are one board), and is kept: deleting a lock file races with its next user.
 */
final class SerialPortLock {

    private SerialPortLock() {
    }

    /** Where the lock files go: the temp dir, shared by all builds of the machine; a system property for tests. */
    static final String LOCK_DIR_PROPERTY = "microtvm.lockDir";

    /** {@code <tmp>/microtvm-serial-<real path with / as ->.lock}. */
    static Path lockFileOf(String portPath) {
        String real = portPath;
        try {
            real = Path.of(portPath).toRealPath().toString();
        } catch (IOException | InvalidPathException e) {
            // a name that is no file (COM3) or not there: the name itself identifies the port
        }
        String name = real.replaceAll("[^A-Za-z0-9._]+", "-").replaceAll("^-+", "");
        String dir = System.getProperty(LOCK_DIR_PROPERTY, System.getProperty("java.io.tmpdir"));
        return Path.of(dir, "microtvm-serial-" + name + ".lock");
    }

    /**
     * Takes the lock of {@code portPath}, waiting up to {@code wait} for another build to close it;
     * a wait is logged once, naming that build.
     *
     * @throws DeviceException still in use after {@code wait}; the message names the user
     */
    static LockFile acquire(String portPath, Duration wait, BuildLog log) throws DeviceException {
        try {
            return LockFile.acquire(lockFileOf(portPath), wait, "serial port " + portPath,
                    "a microtvm build using serial port " + portPath,
                    "Two builds cannot share a board: run them one after the other, or give each its own board.",
                    Setting.SERIAL_PORT, log);
        } catch (MicroTvmException e) {
            // not transient: a busy port has been waited for already, portWait long
            throw new DeviceException(e.fault(), e.getMessage(), e, false, e.setting().orElse(null));
        }
    }
}
