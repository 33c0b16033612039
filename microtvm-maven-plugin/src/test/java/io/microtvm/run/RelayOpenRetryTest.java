package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.RetryPolicy;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectRecord;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.CallTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run opens the template's transport again after an open_transport that timed out, as the retry
 * policy allows, with a fresh server; without retries the timeout is the error. The project's
 * server is the chaos server, slow only the first time open_transport is asked; its transport then
 * stays silent, so the run itself ends in the standalone handshake's deadline.
 */
class RelayOpenRetryTest {

    @TempDir
    Path tmp;

    private Path dir;
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { }
    };
    // open_transport is given 2 s; the slow answer would take 5 minutes
    private final ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(3),
            Duration.ofSeconds(2), line -> { });

    @BeforeEach
    void chaosProjectSlowOnceInOpenTransport() throws Exception {
        dir = Files.createDirectories(tmp.resolve("project"));
        Path source = Path.of(getClass().getResource("/servers/chaos/microtvm_api_server.py").toURI());
        Path server = Files.copy(source, dir.resolve("microtvm_api_server.py"));
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        new ProjectRecord(ProjectRecord.FORMAT_VERSION, "test", null, tmp.toString(), "0", "model.tar", "0",
                Map.of(), JsonNodeFactory.instance.objectNode(), "2026-01-01T00:00:00Z").writeTo(dir);
        Files.writeString(dir.resolve("chaos.env"), "CHAOS_MODE=slow_once\nCHAOS_METHOD=open_transport\n"
                + "CHAOS_DELAY_SEC=300\nCHAOS_IS_TEMPLATE=0\n");
    }

    private ModelRun.Request request() throws Exception {
        return new ModelRun.Request(GeneratedProject.open(dir), null, FillMode.ZEROS, 0L, null,
                new Tolerance(null, null), 1, Map.of(), RunProtocol.STANDALONE);
    }

    @Test
    void anOpenTransportThatTimedOutIsTriedAgainWithAFreshServerAndLogged() throws Exception {
        var run = new ModelRun(settings, log, null, new RetryPolicy(1, Duration.ZERO));

        // the second open succeeds; what fails then is the silent device, not the open
        assertThatThrownBy(() -> run.run(request())).hasMessageNotContaining("open_transport");

        assertThat(logLines).anyMatch(l -> l.startsWith("WARN Opening the transport of " + dir
                + " failed (attempt 1 of 2)") && l.contains("open_transport"));
    }

    @Test
    void withoutRetriesTheTimedOutOpenIsTheError() throws Exception {
        var run = new ModelRun(settings, log, null, RetryPolicy.NONE);

        assertThatThrownBy(() -> run.run(request()))
                .hasCauseInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("to 'open_transport' within 2 s");
        assertThat(logLines).noneMatch(l -> l.startsWith("WARN"));
    }
}
