package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.RetryPolicy;
import io.microtvm.projectapi.CallTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flash that timed out is tried again as configured; a build that timed out never is, even
 * though here a second attempt would succeed. The project's server is the chaos server, slow only
 * the first time it is asked.
 */
class RetriedFlashTest {

    @TempDir
    Path tmp;

    private Path dir;
    private final List<String> logLines = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { }
    };
    // a call is given 2 s; the slow answer would take 5 minutes
    private final ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30),
            Duration.ofSeconds(2), line -> { });

    @BeforeEach
    void chaosProject() throws Exception {
        dir = Files.createDirectories(tmp.resolve("project"));
        Path source = Path.of(getClass().getResource("/servers/chaos/microtvm_api_server.py").toURI());
        Path server = Files.copy(source, dir.resolve("microtvm_api_server.py"));
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve(GeneratedProject.BUILD_DIR));
        new ProjectRecord(ProjectRecord.FORMAT_VERSION, "test", null, tmp.toString(), "0", "model.tar", "0",
                Map.of(), JsonNodeFactory.instance.objectNode(), "2026-01-01T00:00:00Z").writeTo(dir);
    }

    private void slowOnceOn(String method) throws Exception {
        Files.writeString(dir.resolve("chaos.env"), "CHAOS_MODE=slow_once\nCHAOS_METHOD=" + method
                + "\nCHAOS_DELAY_SEC=300\nCHAOS_IS_TEMPLATE=0\n");
    }

    @Test
    void aFlashThatTimedOutIsRetriedAndTheRetryIsLogged() throws Exception {
        slowOnceOn("flash");

        GeneratedProject.open(dir).flash(Map.of(), settings, new RetryPolicy(1, Duration.ZERO), log);

        assertThat(logLines).anyMatch(l -> l.startsWith("WARN Flashing " + dir + " failed (attempt 1 of 2): no reply")
                && l.contains("to 'flash' within 2 s"));
        assertThat(logLines).anyMatch(l -> l.startsWith("INFO Flash done"));
    }

    @Test
    void withoutRetriesTheTimedOutFlashFails() throws Exception {
        slowOnceOn("flash");

        assertThatThrownBy(() -> GeneratedProject.open(dir).flash(Map.of(), settings, RetryPolicy.NONE, log))
                .isInstanceOf(CallTimeoutException.class);
    }

    @Test
    void aBuildThatTimedOutIsNeverRetried() throws Exception {
        slowOnceOn("build");

        assertThatThrownBy(() -> GeneratedProject.open(dir).build(Map.of(), false, settings, log))
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("to 'build' within 2 s");
        assertThat(logLines).noneMatch(l -> l.startsWith("WARN"));
    }
}
