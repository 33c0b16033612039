package io.microtvm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link LockFileTest}: takes a lock as another build would, says so on
 * stdout, and holds it until killed.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        LockFile lock = LockFile.acquire(Path.of(args[0]), Duration.ofSeconds(30), "the test lock",
                "microtvm:build in the other JVM", "", null, BuildLog.NONE);
        System.out.println("LOCKED " + lock.path());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
