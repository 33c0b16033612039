package io.microtvm.projectapi;

import static io.microtvm.projectapi.TestServers.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No server process may outlive its caller: close(), the grace period and the JVM shutdown hook. */
class ServerShutdownTest {

    @TempDir
    Path tempDir;

    private static ObjectNode object() {
        return ProjectApiClient.JSON.createObjectNode();
    }

    private static void assertGone(long pid) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void closeLetsAWellBehavedServerExitByItself() throws Exception {
        ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), line -> { });
        server.serverInfoQuery("0.18.0", CALL);
        assertThat(server.isRegisteredForShutdown()).isTrue();

        Duration took = timed(server::close);

        assertThat(server.exitStatus()).as("exited on EOF rather than being killed").hasValue(0);
        assertThat(took).isLessThan(LaunchSpec.DEFAULT_SHUTDOWN_GRACE);
        assertGone(server.pid());
        assertThat(server.isRegisteredForShutdown()).isFalse();
    }

    @Test
    void closeEndsTheLaunchScriptAndItsPythonChild() throws Exception {
        ProjectApiClient server = ServerLauncher.launch(
                LaunchSpec.of(TestServers.scriptedWithLaunchScript(tempDir)), line -> { });
        long python = server.call("introspect", object(), CALL).get("pid").asLong();
        assertThat(python).isNotEqualTo(server.pid());

        server.close();

        assertGone(server.pid());
        assertGone(python);
    }

    @Test
    void serverIgnoringEofAndSigtermIsKilledAfterTheGracePeriod() throws Exception {
        Duration grace = Duration.ofMillis(500);
        ProjectApiClient server = ServerLauncher.launch(
                TestServers.chaos(tempDir, "ignores_eof").withShutdownGrace(grace), line -> { });
        server.build(object(), CALL);

        Duration took = timed(server::close);

        assertThat(took).isGreaterThanOrEqualTo(grace).isLessThan(grace.plusSeconds(5));
        assertGone(server.pid());
        assertThat(server.exitStatus()).as("SIGKILL").hasValue(128 + 9);
        assertThat(server.stderrTail()).contains("EOF on the request pipe, staying anyway");
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() throws Exception {
        ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), line -> { });
        server.close();

        assertThat(timed(server::close)).isLessThan(Duration.ofMillis(500));
        assertThatThrownBy(() -> server.serverInfoQuery("0.18.0", CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageStartingWith("connection already closed");
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingCall() throws Exception {
        ProjectApiClient server = ServerLauncher.launch(TestServers.chaos(tempDir, "never_answers"), line -> { });
        CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> {
            try {
                server.build(object(), Duration.ofSeconds(60));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(300);

        server.close();

        assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionShutdownException.class);
        assertGone(server.pid());
    }

    @Test
    void jvmShutdownHookKillsServersThatWereNeverClosed() throws Exception {
        Path pidFile = tempDir.resolve("server.pid");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", classPath, OrphanedServerMain.class.getName(),
                TestServers.chaos(tempDir, "ignores_eof").directory().toString(), pidFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("child-jvm.log").toFile())
                .start();
        long server = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(pidFile) && jvm.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(pidFile).as("child JVM output: %s", log()).exists();
            server = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).hasValue(true);

            jvm.destroy(); // SIGTERM, as a CI runner or `kill` would send: shutdown hooks run
            assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).isTrue();

            assertGone(server);
        } finally {
            jvm.destroyForcibly();
            // should the hook fail, this test must not leave its orphan behind
            ProcessHandle.of(server).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private String log() throws Exception {
        Path log = tempDir.resolve("child-jvm.log");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }
}
