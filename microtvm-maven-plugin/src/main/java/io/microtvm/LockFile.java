package io.microtvm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock between processes (and between threads of one JVM), held as an OS lock on a
 * file: it is released when closed and, should the JVM die, by the OS, so a killed build never
 * leaves a stale lock behind. The holder writes who it is into the file, so a build that waits in
 * vain can say whom it waited for. The file itself stays; deleting it would let two processes lock
 * two different files of the same name.
 */
public final class LockFile implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** The locks this JVM holds or is taking, with their holder's description. */
    private static final ConcurrentHashMap<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final String holder;
    private boolean closed; // guarded by this

    private LockFile(Path path, FileChannel channel, FileLock lock, String holder) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for its holder to release it.
     *
     * @param what   what the lock guards, for messages ("project dir /x", "serial port /dev/ttyACM0")
     * @param holder who takes it, written into the file for whoever waits next (the step and the dir)
     * @param hint   the end of the timeout message: what the user can do ("Let that build finish, ...")
     * @param remedy the setting that helps when the wait runs out (a longer wait, another port), or null
     * @throws LockTimeoutException still held by someone else after {@code wait}
     * @throws MicroTvmException    the lock file cannot be made or locked, or the wait was interrupted
     *                              (the interrupt stays set)
     */
    public static LockFile acquire(Path path, Duration wait, String what, String holder, String hint, Setting remedy,
                                   BuildLog log) throws MicroTvmException {
        Path given = path.toAbsolutePath().normalize();
        Path key;
        try {
            // one key per file, whatever links lead to its dir
            key = Files.createDirectories(given.getParent()).toRealPath().resolve(given.getFileName());
        } catch (IOException e) {
            throw cannotLock(what, given, e);
        }
        String me = holderText(holder);
        Deadline deadline = Deadline.after(wait, what);
        boolean announced = false;
        try {
            // Threads of this JVM queue here, never on the file: closing any descriptor of a file
            // drops all of the process's OS locks on it (POSIX), so a second one must never be opened.
            String other;
            while ((other = HELD_HERE.putIfAbsent(key, me)) != null) {
                announced = waitOrGiveUp(deadline, what, other, key, hint, remedy, announced, log);
            }
        } catch (InterruptedException e) {
            throw interrupted(what, e);
        }
        FileChannel channel = null;
        try {
            channel = openShared(key);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    LockFile held = new LockFile(key, channel, lock, me);
                    held.writeHolder();
                    return held;
                }
                announced = waitOrGiveUp(deadline, what, currentHolder(key), key, hint, remedy, announced, log);
            }
        } catch (InterruptedException e) {
            closeQuietly(channel);
            HELD_HERE.remove(key, me);
            throw interrupted(what, e);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(key, me);
            throw cannotLock(what, key, e);
        } catch (MicroTvmException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(key, me);
            throw e;
        }
    }

    private static MicroTvmException cannotLock(String what, Path path, IOException e) {
        return new MicroTvmException(Fault.ENVIRONMENT, "Cannot lock " + what + " for this build (lock file " + path
                + "): " + e.getMessage(), e);
    }

    /** The interrupt stays set, so that whoever stops the build sees it. */
    private static MicroTvmException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new MicroTvmException(Fault.ENVIRONMENT, "Interrupted while waiting for " + what, e);
    }

    /** Sleeps a poll period; throws once the deadline has passed. Returns whether the wait was logged. */
    private static boolean waitOrGiveUp(Deadline deadline, String what, String holder, Path path,
                                        String hint, Setting remedy, boolean announced, BuildLog log)
            throws LockTimeoutException, InterruptedException {
        Duration wait = deadline.budget();
        long left = deadline.remainingNanos();
        if (left <= 0) {
            throw new LockTimeoutException("Timed out after " + seconds(wait) + " waiting for " + what
                    + ", which another build is using: " + holder + " (lock file " + path + "). " + hint, remedy);
        }
        if (!announced) {
            log.info("Waiting up to " + seconds(wait) + " for " + what + ", in use by " + holder);
        }
        Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
        return true;
    }

    /** The lock file; for tests and messages. */
    public Path path() {
        return path;
    }

    /** Releases the lock; idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                HELD_HERE.remove(path, holder);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }

    private static FileChannel openShared(Path path) throws IOException {
        boolean created = false;
        if (!Files.exists(path)) {
            try {
                Files.createFile(path);
                created = true;
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made it first: the same file, which is all that matters
            }
        }
        if (created && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // in a shared dir (the temp dir) other users' builds must be able to lock it too
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            } catch (IOException ignored) {
                // a lock for this user alone is still a lock
            }
        }
        return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static String holderText(String holder) {
        return holder + " (pid " + ProcessHandle.current().pid() + " on " + HOST + ", since " + Instant.now() + ")";
    }

    private static final String HOST = HostName.get();

    private void writeHolder() throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static String currentHolder(Path path) {
        try {
            String text = Files.readString(path).strip();
            return text.isEmpty() ? "an unknown process" : text;
        } catch (IOException e) {
            return "an unknown process";
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
