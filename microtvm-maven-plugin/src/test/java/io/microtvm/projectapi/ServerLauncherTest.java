package io.microtvm.projectapi;

import static io.microtvm.projectapi.TestServers.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/project-api.md, "Finding the server" and "Starting it", cases A1–A7: finding, starting and
 * wiring up a server.
 */
class ServerLauncherTest {

    @TempDir
    Path tempDir;

    private final CollectedLines stderr = new CollectedLines();

    private JsonNode introspect(ProjectApiClient server) throws ProjectApiException {
        return server.call("introspect", ProjectApiClient.JSON.createObjectNode(), CALL);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @Test
    void pythonServerRunsWithTheInterpreterTheAbsoluteScriptAndTheFdArguments() throws Exception {
        Path dir = TestServers.scripted(tempDir);
        String script = dir.resolve("microtvm_api_server.py").toString();
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(dir), stderr)) {
            JsonNode seen = introspect(server);

            assertThat(server.command()).containsExactly("python3", script, "--read-fd", "3", "--write-fd", "4");
            assertThat(texts(seen.get("argv"))).containsExactly(script, "--read-fd", "3", "--write-fd", "4");
            assertThat(seen.get("cwd").asText()).isEqualTo(dir.toString());
            assertThat(seen.get("pid").asLong()).as("sh exec'd the server").isEqualTo(server.pid());
            assertThat(seen.get("debug").asBoolean()).isFalse();
        }
    }

    @Test
    void serverGetsDevNullAsStdinAndStderrAsStdout() throws Exception {
        // docs/project-api.md, "Starting it": fds 0 and 1 must never be the JSON channel, since
        // build tools inherit them
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), stderr)) {
            JsonNode seen = introspect(server);
            assertThat(seen.get("stdin").asText()).isEqualTo("/dev/null");
            assertThat(seen.get("stdout_is_stderr").asBoolean()).isTrue();
        }
    }

    @Test
    void launchScriptTakesPrecedenceAndGetsThePythonPathFirst() throws Exception {
        Path dir = TestServers.scriptedWithLaunchScript(tempDir);
        String launchScript = dir.resolve("launch_microtvm_api_server.sh").toString();
        String script = dir.resolve("microtvm_api_server.py").toString();
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(dir), stderr)) {
            JsonNode seen = introspect(server);

            assertThat(server.command()).containsExactly(launchScript, script, "--read-fd", "3", "--write-fd", "4");
            assertThat(seen.at("/env/LAUNCH_SCRIPT_PATH").asText()).isEqualTo(launchScript);
            assertThat(seen.at("/env/LAUNCH_SCRIPT_ARGC").asText()).isEqualTo("5");
            assertThat(texts(seen.get("argv"))).containsExactly(script, "--read-fd", "3", "--write-fd", "4");
            assertThat(seen.get("pid").asLong()).as("the script runs Python as its child")
                    .isNotEqualTo(server.pid());
        }
    }

    @Test
    void launchScriptPrintingToStdoutDoesNotCorruptTheChannel() throws Exception {
        try (ProjectApiClient server = ServerLauncher.launch(
                LaunchSpec.of(TestServers.scriptedWithLaunchScript(tempDir)), stderr)) {
            ServerInfo info = server.serverInfoQuery("0.18.0", CALL);

            assertThat(info.platformName()).isEqualTo("scripted");
            assertThat(stderr.await(l -> l.contains("this line goes to stdout"), Duration.ofSeconds(5)))
                    .as("the script's stdout is forwarded as stderr").isNotNull();
        }
    }

    @Test
    void debugAppendsTheFlag() throws Exception {
        Path dir = TestServers.scripted(tempDir);
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(dir).withDebug(true), stderr)) {
            JsonNode seen = introspect(server);

            assertThat(texts(seen.get("argv"))).endsWith("--debug");
            assertThat(seen.get("debug").asBoolean()).isTrue();
            assertThat(stderr.await(l -> l.contains("debug logging on"), Duration.ofSeconds(5))).isNotNull();
        }
    }

    @Test
    void debugWithALaunchScriptThatDropsItStillWorks() throws Exception {
        Path dir = TestServers.scriptedWithLaunchScript(tempDir);
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(dir).withDebug(true), stderr)) {
            JsonNode seen = introspect(server);

            assertThat(seen.at("/env/LAUNCH_SCRIPT_ARGC").asText()).isEqualTo("6");
            assertThat(seen.at("/env/LAUNCH_SCRIPT_ARG6").asText()).isEqualTo("--debug");
            assertThat(texts(seen.get("argv"))).doesNotContain("--debug");
            assertThat(server.serverInfoQuery("0.18.0", CALL).protocolVersion()).isEqualTo(1);
        }
    }

    @Test
    void noServerInTheDirectoryNamesBothFiles() throws Exception {
        Path empty = Files.createDirectory(tempDir.resolve("empty"));

        assertThatThrownBy(() -> ServerLauncher.launch(LaunchSpec.of(empty), stderr))
                .isInstanceOf(ServerNotFoundException.class)
                .hasMessageContaining("No Project API server found in project directory: " + empty)
                .hasMessageContaining("launch_microtvm_api_server.sh")
                .hasMessageContaining("microtvm_api_server.py");
    }

    @Test
    void missingDirectoryIsReportedAsSuch() {
        Path missing = tempDir.resolve("does-not-exist");

        assertThatThrownBy(() -> ServerLauncher.launch(LaunchSpec.of(missing), stderr))
                .isInstanceOf(ServerNotFoundException.class)
                .hasMessageContaining("the directory does not exist")
                .satisfies(e -> assertThat(((ServerNotFoundException) e).directory()).isEqualTo(missing));
    }

    @Test
    void relativeDirectoryIsMadeAbsolute() throws Exception {
        Path dir = TestServers.scripted(tempDir);
        Path relative = Path.of("").toAbsolutePath().relativize(dir);
        assertThat(relative.isAbsolute()).isFalse();

        LaunchSpec spec = LaunchSpec.of(relative);
        try (ProjectApiClient server = ServerLauncher.launch(spec, stderr)) {
            JsonNode seen = introspect(server);

            assertThat(spec.directory()).isEqualTo(dir);
            assertThat(seen.get("cwd").asText()).isEqualTo(dir.toString());
            assertThat(seen.get("argv").get(0).asText()).isEqualTo(dir.resolve("microtvm_api_server.py").toString());
        }
    }

    @Test
    void largeStderrOutputIsForwardedWithoutDeadlock() throws Exception {
        // ~1.8 MB: far beyond a pipe buffer, so the server blocks unless stderr is drained
        int lines = 20_000;
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), stderr)) {
            server.build(ProjectApiClient.JSON.createObjectNode().put("stderr_lines", lines), Duration.ofSeconds(20));

            assertThat(stderr.await(l -> l.startsWith("build output line " + (lines - 1) + " "), Duration.ofSeconds(10)))
                    .isNotNull();
            assertThat(stderr.snapshot()).filteredOn(l -> l.startsWith("build output line ")).hasSize(lines);
            assertThat(server.stderrTail()).hasSize(StderrPump.TAIL_LINES);
        }
    }

    @Test
    void extraEnvironmentReachesTheServer() throws Exception {
        LaunchSpec spec = LaunchSpec.of(TestServers.scripted(tempDir)).withEnvironment("SCRIPTED_MARKER", "hello");
        try (ProjectApiClient server = ServerLauncher.launch(spec, stderr)) {
            assertThat(introspect(server).at("/env/SCRIPTED_MARKER").asText()).isEqualTo("hello");
        }
    }

    @Test
    void pythonNotOnPathIsAStartError() throws Exception {
        LaunchSpec spec = LaunchSpec.of(TestServers.scripted(tempDir)).withPython("python3-that-does-not-exist");

        assertThatThrownBy(() -> ServerLauncher.launch(spec, stderr))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("Python interpreter 'python3-that-does-not-exist' was not found on PATH")
                .hasMessageContaining("set the Python interpreter")
                .satisfies(e -> assertThat(((ServerStartException) e).command()).isEqualTo("python3-that-does-not-exist"));
    }

    @Test
    void pythonPathThatDoesNotExistIsAStartError() throws Exception {
        LaunchSpec spec = LaunchSpec.of(TestServers.scripted(tempDir)).withPython("/no/such/bin/python3");

        assertThatThrownBy(() -> ServerLauncher.launch(spec, stderr))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("'/no/such/bin/python3'")
                .hasMessageContaining("does not exist or is not executable");
    }

    @Test
    void launchScriptWithoutExecuteBitIsAStartError() throws Exception {
        Path dir = TestServers.scriptedWithLaunchScript(tempDir);
        Path script = dir.resolve("launch_microtvm_api_server.sh");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ServerLauncher.launch(LaunchSpec.of(dir), stderr))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining(script.toString())
                .hasMessageContaining("not executable");
    }
}
