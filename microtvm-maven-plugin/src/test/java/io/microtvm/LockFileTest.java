package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock behind "one build per project dir" and "one build per board". */
class LockFileTest {

    @TempDir
    Path tmp;

    private LockFile take(Path file, Duration wait, String holder) throws Exception {
        return LockFile.acquire(file, wait, "the thing", holder, "Do something about it.", null, BuildLog.NONE);
    }

    @Test
    void aSecondTakerTimesOutNamingTheHolderTheFileAndWhatToDo() throws Exception {
        Path file = tmp.resolve("x.lock");
        try (LockFile ignored = take(file, Duration.ZERO, "microtvm:build on /p")) {
            assertThatThrownBy(() -> take(file, Duration.ofMillis(300), "microtvm:flash on /p"))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageStartingWith("Timed out after 300 ms waiting for the thing, which another build is"
                            + " using: microtvm:build on /p (pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("(lock file " + file + ")")
                    .hasMessageEndingWith("Do something about it.");
        }
        // released: free for the next one at once
        take(file, Duration.ZERO, "microtvm:flash on /p").close();
    }

    @Test
    void aWaitingTakerGetsTheLockOnceTheHolderReleasesIt() throws Exception {
        Path file = tmp.resolve("x.lock");
        LockFile first = take(file, Duration.ZERO, "first");
        CountDownLatch waiting = new CountDownLatch(1);
        java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildLog waitLog = new BuildLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { log.add(m); waiting.countDown(); }
            @Override public void warn(String m) { }
            @Override public void error(String m) { }
        };
        CompletableFuture<LockFile> second = CompletableFuture.supplyAsync(() -> {
            try {
                return LockFile.acquire(file, Duration.ofSeconds(60), "the thing", "second", "", null, waitLog);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the second taker says it waits").isTrue();
        assertThat(second).isNotDone();

        first.close();

        second.get(30, TimeUnit.SECONDS).close();
        assertThat(log).singleElement().asString().startsWith("Waiting up to 60 s for the thing, in use by first (pid");
    }

    @Test
    void aLockOfAnotherProcessHoldsUntilThatProcessIsKilledAndThenIsFreeAtOnce() throws Exception {
        Path file = tmp.resolve("shared.lock");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", classPath, LockHolderMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("LOCKED");

            assertThatThrownBy(() -> take(file, Duration.ofMillis(200), "this JVM"))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("microtvm:build in the other JVM (pid " + other.pid() + " on ");

            // as a CI runner kills a build: no stale lock is left behind
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            take(file, Duration.ZERO, "this JVM").close();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void closingTwiceDoesNotReleaseTheNextHoldersLock() throws Exception {
        Path file = tmp.resolve("x.lock");
        LockFile first = take(file, Duration.ZERO, "first");
        first.close();
        try (LockFile second = take(file, Duration.ZERO, "second")) {
            first.close();

            assertThatThrownBy(() -> take(file, Duration.ZERO, "third")).isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("using: second");
        }
    }
}
