package io.microtvm.projectapi;

import static io.microtvm.projectapi.TestServers.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers that break the protocol, crash or hang (docs/project-api.md, "Replies and errors", cases
 * B15, B16 and the deadline rules). Whatever goes wrong, the server must be gone when the exception
 * arrives.
 */
class ServerFailureTest {

    /** Slack for the JVM and the OS on a busy machine; not what the tests measure. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    /** How long a killed process may take to disappear: signals and reaping are asynchronous. */
    private static final Duration REAPED = Duration.ofSeconds(5);

    @TempDir
    Path tempDir;

    private final CollectedLines stderr = new CollectedLines();
    private final List<ProjectApiClient> started = new ArrayList<>();
    private final List<Long> spawned = new ArrayList<>();

    @AfterEach
    void closeAll() throws InterruptedException {
        started.forEach(ProjectApiClient::close);
        try {
            // the process table after every fault: nothing of any server may be left, orphans included
            for (ProjectApiClient server : started) {
                assertThat(ProcessSessions.members(server.pid())).as("processes of the session of server %d",
                        server.pid()).isEmpty();
            }
            for (long pid : spawned) {
                assertGoneWithin(pid, REAPED);
            }
            assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid))
                    .as("children of the test JVM").isEmpty();
        } finally {
            // should reaping fail, the test must not leave its sleep 300 behind
            spawned.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private ProjectApiClient launch(String mode) throws Exception {
        return launch(TestServers.chaos(tempDir, mode));
    }

    private ProjectApiClient launch(LaunchSpec spec) throws Exception {
        ProjectApiClient server = ServerLauncher.launch(spec, stderr);
        started.add(server);
        return server;
    }

    private static ObjectNode object() {
        return ProjectApiClient.JSON.createObjectNode();
    }

    private static void assertGone(long pid) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
    }

    private static void assertGoneWithin(long pid, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertGone(pid);
    }

    /** The pid the server printed after {@code prefix} on stderr; the process is killed after the test. */
    private long reportedPid(String prefix) throws InterruptedException {
        String line = stderr.await(l -> l.startsWith(prefix), SLACK);
        assertThat(line).as("the server reported %s", prefix).isNotNull();
        long pid = Long.parseLong(line.substring(prefix.length()));
        spawned.add(pid);
        return pid;
    }

    /** After a failure the server is dead, off the shutdown list, and refuses further calls. */
    private static void assertStopped(ProjectApiClient server) {
        assertGone(server.pid());
        assertThat(server.isAlive()).isFalse();
        assertThat(server.isRegisteredForShutdown()).isFalse();
        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageStartingWith("connection already closed");
    }

    @Test
    void replyWithoutJsonrpcIsMalformed() throws Exception {
        ProjectApiClient server = launch("missing_jsonrpc");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("without a 'jsonrpc' member");
        assertStopped(server);
    }

    @Test
    void replyToAnotherIdIsMismatched() throws Exception {
        ProjectApiClient server = launch("wrong_id");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MismatchedIdException.class)
                .hasMessageContaining("Reply id (101) does not equal request id (1)")
                .satisfies(e -> {
                    assertThat(((MismatchedIdException) e).requestId()).isEqualTo(1);
                    assertThat(((MismatchedIdException) e).replyId()).isEqualTo("101");
                });
        assertStopped(server);
    }

    @Test
    void nullIdErrorReplyIsMismatchedAndSaysWhy() throws Exception {
        ProjectApiClient server = launch("null_id_error");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MismatchedIdException.class)
                .hasMessageContaining("Reply id (null)")
                .hasMessageContaining("-32600: request[\"id\"]: want str, number, null; got 1.5");
        assertStopped(server);
    }

    @Test
    void replyWithNeitherResultNorErrorIsMalformed() throws Exception {
        ProjectApiClient server = launch("no_result");

        assertThatThrownBy(() -> server.flash(object(), CALL))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("with neither 'result' nor 'error'");
        assertStopped(server);
    }

    @Test
    void nonJsonLineIsMalformedAndQuoted() throws Exception {
        ProjectApiClient server = launch("garbage");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("answered 'build' with a reply that is not JSON: 'this is not JSON at all'");
        assertStopped(server);
    }

    @Test
    void invalidUtf8IsMalformed() throws Exception {
        ProjectApiClient server = launch("invalid_utf8");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("not valid UTF-8");
        assertStopped(server);
    }

    @Test
    void oversizedReplyLineIsBoundedAndStopsTheServer() throws Exception {
        // the server sends 8 MiB without a newline in sight; the client must give up at 1 MiB
        int limit = 1024 * 1024;
        ProjectApiClient server = launch(TestServers.chaos(tempDir, "oversized").withMaxReplyBytes(limit));

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("line longer than " + limit + " bytes");
        assertStopped(server);
    }

    @Test
    void crashMidCallReportsExitStatusAndStderrTail() throws Exception {
        ProjectApiClient server = launch("crash");

        ConnectionShutdownException e = (ConnectionShutdownException) catchThrowableOf(
                () -> server.build(object(), CALL));

        assertThat(e).hasMessageContaining("got EOF reading the reply to 'build'")
                .hasMessageContaining("the server exited with status 1")
                .hasMessageContaining("its last stderr lines:")
                .hasMessageContaining("fatal: the server fell over");
        assertThat(e.exitStatus()).hasValue(1);
        assertThat(e.stderrTail()).hasSize(StderrPump.TAIL_LINES)
                .startsWith("stderr line 11")
                .endsWith("fatal: the server fell over");
        assertStopped(server);
    }

    @Test
    void eofWithoutReplyThenEveryCallFailsAtOnce() throws Exception {
        ProjectApiClient server = launch("exit_on_request");

        assertThatThrownBy(() -> server.serverInfoQuery("0.18.0", CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("the server exited with status 0");
        long start = System.nanoTime();
        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessage("connection already closed: cannot call 'build' on the Project API server in "
                        + server.directory());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertStopped(server);
    }

    @Test
    void serverThatNeverAnswersTimesOutAndDiesWithItsChild() throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        long start = System.nanoTime();
        ProjectApiClient server = launch("never_answers");
        String childLine = stderr.await(l -> l.startsWith("CHILD_PID="), SLACK);
        assertThat(childLine).as("the server reported its child").isNotNull();
        long child = Long.parseLong(childLine.substring("CHILD_PID=".length()));
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).hasValue(true);

        CallTimeoutException e = (CallTimeoutException) catchThrowableOf(() -> server.build(object(), deadline));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).hasMessageStartingWith("no reply from the Project API server in " + server.directory()
                + " to 'build' within 1 s");
        assertThat(e.method()).isEqualTo("build");
        assertThat(e.waited()).isEqualTo(deadline);
        assertThat(elapsed).isGreaterThanOrEqualTo(deadline).isLessThan(deadline.plus(SLACK));
        assertStopped(server);
        assertGone(child);
    }

    @Test
    void interruptingACallerBlockedOnAServerThatNeverAnswersEndsTheCallLongBeforeTheDeadline() throws Exception {
        Duration deadline = Duration.ofMinutes(5);
        ProjectApiClient server = launch("never_answers");
        long child = reportedPid("CHILD_PID=");
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            caller.interrupt();
        });
        long start = System.nanoTime();
        interrupter.start();
        try {
            assertThatThrownBy(() -> server.build(object(), deadline))
                    .isInstanceOf(ConnectionShutdownException.class)
                    .hasMessageStartingWith("interrupted while waiting for the reply to 'build'");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            interrupter.join();
            Thread.interrupted();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SLACK);
        assertStopped(server);
        assertGoneWithin(child, REAPED);
    }

    @Test
    void childOfAServerThatDiesMidCallDoesNotOutliveIt() throws Exception {
        ProjectApiClient server = launch("crash_leaving_child");

        Throwable e = catchThrowableOf(() -> server.build(object(), CALL));
        long child = reportedPid("CHILD_PID=");
        server.close();

        assertThat(e).isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("the server exited with status 3");
        assertGoneWithin(child, REAPED);
        assertStopped(server);
    }

    @Test
    void grandchildOrphanedWhileTheServerRunsDiesWithIt() throws Exception {
        long launched = System.nanoTime();
        ProjectApiClient server = launch("orphaned_grandchild");
        long child = reportedPid("CHILD_PID=");
        long grandchild = reportedPid("GRANDCHILD_PID=");
        // its parent exits after 1 s; from then on it is no descendant of the server's
        ProcessHandle serverHandle = ProcessHandle.of(server.pid()).orElseThrow();
        long orphanedBy = System.nanoTime() + SLACK.toNanos();
        while (serverHandle.descendants().anyMatch(p -> p.pid() == grandchild) && System.nanoTime() - orphanedBy < 0) {
            Thread.sleep(50);
        }
        assertThat(serverHandle.descendants().map(ProcessHandle::pid)).doesNotContain(grandchild);
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).hasValue(true);

        // counted from the launch, as the first call's deadline is
        Duration deadline = Duration.ofNanos(System.nanoTime() - launched).plusSeconds(1);
        assertThatThrownBy(() -> server.build(object(), deadline)).isInstanceOf(CallTimeoutException.class);

        assertGoneWithin(child, REAPED);
        assertGoneWithin(grandchild, REAPED);
        assertStopped(server);
    }

    @Test
    void startUpCountsAgainstTheFirstDeadline() throws Exception {
        // the server sleeps a minute before reading; 1.5 s of the 2.5 s deadline pass before the call
        ProjectApiClient server = launch("slow_start");
        Thread.sleep(1500);
        long start = System.nanoTime();

        assertThatThrownBy(() -> server.serverInfoQuery("0.18.0", Duration.ofMillis(2500)))
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("within 2.5 s of its launch");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // about 1 s; a deadline counted from the call would take 2.5 s
        assertThat(elapsed).isLessThan(Duration.ofMillis(2000));
        assertStopped(server);
    }

    @Test
    void laterCallsGetTheirWholeDeadline() throws Exception {
        ProjectApiClient server = launch("ignores_eof");
        server.build(object(), CALL);
        Thread.sleep(1200);

        // counted from launch this deadline would already be over
        server.build(object(), Duration.ofSeconds(1));
    }

    @Test
    void requestTheServerNeverReadsTimesOutWhileSending() throws Exception {
        // 4 MiB cannot fit in the pipe, so the write itself blocks until the watchdog kills the server
        ProjectApiClient server = launch("slow_start");
        ObjectNode options = object().put("padding", "p".repeat(4 * 1024 * 1024));
        long start = System.nanoTime();

        assertThatThrownBy(() -> server.build(options, Duration.ofSeconds(1)))
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("it stopped reading requests");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
        assertStopped(server);
    }

    @Test
    void serverThatCrashesOnStartIsReportedByTheFirstCallWithItsStderr() throws Exception {
        ProjectApiClient server = launch("crash_on_start");

        assertThatThrownBy(() -> server.serverInfoQuery("0.18.0", CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("got EOF reading the reply to 'server_info_query'")
                .hasMessageContaining("the server exited with status 2")
                .hasMessageContaining("No module named 'serial'");
        assertStopped(server);
    }

    /** Whichever method the server dies in, the calls before it worked and that one says how it died. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"server_info_query", "generate_project", "build", "flash", "open_transport",
            "write_transport", "read_transport", "close_transport"})
    void crashDuringAnyMethodIsAShutdownWithTheExitStatus(String method) throws Exception {
        ProjectApiClient server = launch(TestServers.chaos(tempDir, "crash", method));
        List<ThrowingCall> calls = List.of(
                () -> server.serverInfoQuery("0.18.0", CALL),
                () -> server.generateProject(tempDir.resolve("m.tar"), null, tempDir.resolve("p"), object(), CALL),
                () -> server.build(object(), CALL),
                () -> server.flash(object(), CALL),
                () -> server.openTransport(object(), CALL),
                () -> server.writeTransport(new byte[] {1, 2}, 1.0, CALL),
                () -> server.readTransport(2, 1.0, CALL),
                () -> server.closeTransport(CALL));
        List<String> order = List.of("server_info_query", "generate_project", "build", "flash", "open_transport",
                "write_transport", "read_transport", "close_transport");
        int faulty = order.indexOf(method);
        for (int i = 0; i < faulty; i++) {
            try {
                calls.get(i).run();
            } catch (IoTimeoutException expected) {
                // read_transport of a healthy chaos server returns no data: a timeout, the channel is fine
            }
        }

        assertThat(catchThrowableOf(calls.get(faulty))).isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("reading the reply to '" + method + "'")
                .hasMessageContaining("the server exited with status 1")
                .hasMessageContaining("fatal: the server fell over");
        assertStopped(server);
    }

    @Test
    void slowAnswerWithinTheDeadlineIsAccepted() throws Exception {
        ProjectApiClient server = launch(TestServers.chaos(tempDir, "slow", "build").withEnvironment("CHAOS_DELAY_SEC", "1"));

        server.serverInfoQuery("0.18.0", CALL);
        server.build(object(), CALL);
        server.flash(object(), CALL);
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void slowAnswerPastTheDeadlineTimesOut() throws Exception {
        ProjectApiClient server = launch(TestServers.chaos(tempDir, "slow", "build").withEnvironment("CHAOS_DELAY_SEC", "300"));
        server.serverInfoQuery("0.18.0", CALL);

        assertThatThrownBy(() -> server.build(object(), Duration.ofSeconds(1)))
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageStartingWith("no reply from the Project API server in " + server.directory()
                        + " to 'build' within 1 s; the server was stopped");
        assertStopped(server);
    }

    @Test
    void halfALineAndExitIsMalformedAndQuotesWhatCame() throws Exception {
        ProjectApiClient server = launch("partial_then_exit");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("{\"jsonrpc\": \"2.0\", \"id\": 1, \"res");
        assertStopped(server);
    }

    @Test
    void halfALineThatNeverEndsTimesOut() throws Exception {
        ProjectApiClient server = launch("partial_then_hang");

        assertThatThrownBy(() -> server.build(object(), Duration.ofSeconds(1)))
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("to 'build' within 1 s");
        assertStopped(server);
    }

    @Test
    void replyLeftInTheBufferOfAServerThatExitsAtOnceIsLostAndSaidSo() throws Exception {
        ProjectApiClient server = launch("exit_unflushed");

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("got EOF reading the reply to 'build'")
                .hasMessageContaining("the server exited with status 0");
        assertStopped(server);
    }

    @Test
    void replyFlushedByTheExitOfTheServerStillCounts() throws Exception {
        ProjectApiClient server = launch("exit_flushing");

        server.build(object(), CALL);

        assertThatThrownBy(() -> server.flash(object(), CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("the server exited with status 0");
        assertStopped(server);
    }

    @Test
    void childHoldingTheReplyPipeOfAServerThatExitedIsNamedAndStoppedLongBeforeTheDeadline() throws Exception {
        Duration deadline = Duration.ofSeconds(60);
        ProjectApiClient server = launch("pipe_holding_child");
        long start = System.nanoTime();

        Throwable e = catchThrowableOf(() -> server.build(object(), deadline));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long child = reportedPid("CHILD_PID=");

        assertThat(e).isInstanceOf(ConnectionShutdownException.class)
                .hasMessageContaining("the server exited with status 5 without answering")
                .hasMessageContaining("kept its reply pipe open; they were stopped");
        if (ProcessSessions.setsid().isPresent()) {
            // the child left within microseconds of its start: only its session finds it
            assertThat(e).hasMessageContaining("pids [" + child + "]");
        }
        assertThat(elapsed).as("not the whole deadline").isLessThan(deadline);
        assertGoneWithin(child, REAPED);
        assertStopped(server);
    }

    private static Throwable catchThrowableOf(ThrowingCall call) {
        try {
            call.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the call to fail");
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }
}
