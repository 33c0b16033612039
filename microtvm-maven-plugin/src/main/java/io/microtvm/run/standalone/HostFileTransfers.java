package io.microtvm.run.standalone;

import io.microtvm.AtomicFiles;
import io.microtvm.Fault;
import io.microtvm.Setting;
import io.microtvm.transport.DeviceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Moves one tensor through a file on the device's host (LOAD_INPUT, SAVE_OUTPUT): each transfer gets a
 * fresh private temp dir (owner-only on POSIX) named after this process, deleted with what is in it on
 * every path, so nothing of a run stays behind and no other user reads the model's data.
 */
final class HostFileTransfers {
    static final String DIR_PREFIX = "microtvm-host-files-";
    /** The prefix of this process's temp dirs: DIR_PREFIX, the pid, a dash. */
    static final String OWN_DIR_PREFIX = DIR_PREFIX + ProcessHandle.current().pid() + "-";
    /** The longest name Files.createTempDirectory gives: the prefix, a random long, then the file's name. */
    private static final String LONGEST_FILE = OWN_DIR_PREFIX + "-9223372036854775808/output_65535.bin";

    private final Path tempRoot;

    /** @param tempRoot where the temp dirs go (java.io.tmpdir) */
    HostFileTransfers(Path tempRoot) {
        this.tempRoot = tempRoot.toAbsolutePath();
    }

    /** The longest path a transfer may name, to check against the device's max payload before choosing files. */
    String longestPath() {
        return tempRoot.resolve(LONGEST_FILE).toString();
    }

    /** Writes {@code data} to a host file and has the device load it as input {@code index}. */
    void upload(StandaloneSession session, int index, byte[] data, Duration timeout) throws DeviceException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempRoot, OWN_DIR_PREFIX);
            Path file = dir.resolve("input_" + index + ".bin");
            Files.write(file, data);
            session.loadInput(index, file.toString(), timeout);
        } catch (IOException e) {
            throw hostFileUnusable("Cannot write the host file of input " + index + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The machine's file system failed, not the device: fixed by sending tensors over the transport. */
    static DeviceException hostFileUnusable(String message, Throwable cause) {
        return new DeviceException(Fault.ENVIRONMENT, message, cause, false, Setting.HOST_FILE_THRESHOLD);
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }

    /** Has the device save output {@code index} to a host file and reads it back; it must have {@code sizeBytes}. */
    byte[] download(StandaloneSession session, int index, long sizeBytes, Duration timeout) throws DeviceException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempRoot, OWN_DIR_PREFIX);
            Path file = dir.resolve("output_" + index + ".bin");
            session.saveOutput(index, file.toString(), timeout);
            long size = Files.size(file);
            if (size != sizeBytes) {
                throw new BadReplyException("The device saved " + size + " bytes of output " + index + " to the host"
                        + " file " + file + " where the output has " + sizeBytes);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw hostFileUnusable("Cannot read the host file of output " + index + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }
}
