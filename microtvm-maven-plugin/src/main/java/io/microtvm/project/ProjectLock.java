package io.microtvm.project;

import io.microtvm.BuildLog;
import io.microtvm.LockFile;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Serializes goals of different builds (or of parallel executions) on one project dir: two
 * create-projects would swap dirs under each other, a build during a flash would flash half an
 * image. The lock file sits beside the project dir, not in it, because create-project replaces
 * the dir by a rename.
 */
public final class ProjectLock {
    private ProjectLock() {
    }

    /** {@code .NAME.microtvm-lock} in the project dir's parent. */
    public static Path lockFileOf(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        return dir.resolveSibling("." + dir.getFileName() + ".microtvm-lock");
    }

    /**
     * Takes the lock of {@code projectDir} for {@code step}, waiting up to {@code wait} for another
     * build to finish with it. The lock file names the step as {@code log} names it, for whoever waits next.
     *
     * @throws io.microtvm.LockTimeoutException the other build held it all that time; the message names it
     */
    public static LockFile acquire(Path projectDir, Duration wait, Step step, BuildLog log) throws MicroTvmException {
        Path dir = projectDir.toAbsolutePath().normalize();
        return LockFile.acquire(lockFileOf(dir), wait, "the project dir " + dir, log.describe(step) + " on " + dir,
                "Let that build finish, or wait longer than the lock timeout (now " + wait.toSeconds() + " s).",
                Setting.LOCK_TIMEOUT, log);
    }
}
