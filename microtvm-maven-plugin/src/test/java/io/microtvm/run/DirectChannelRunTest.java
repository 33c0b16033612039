package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.BuildLog;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ServerLauncher;
import io.microtvm.projectapi.TestServers;
import io.microtvm.rpc.HostDrivenFirmware;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host template's direct channel: {@code run} reaches the device program over the socket that
 * {@code open_transport} names (no server in the data path), falls back to the relay when it cannot,
 * and with {@code directChannel=false} relays every byte as TVM's client does; outputs are TVM's
 * reference outputs either way.
 */
class DirectChannelRunTest {
    private static final Pattern CHANNEL_SOCKET = Pattern.compile("the socket (\\S+device\\.sock)");

    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    final List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
    final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { logLines.add("DEBUG " + m); }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { logLines.add("ERROR " + m); }
    };
    final ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(120),
            serverLines::add);

    @TempDir
    Path tmp;

    private RunResult run(GeneratedProject project, String fixture, boolean directChannel) throws Exception {
        Path f = HostDrivenFirmware.FIXTURES;
        return new ModelRun(settings, log).withDirectChannel(directChannel).run(new ModelRun.Request(project,
                f.resolve(fixture + ".inputs.npz"), FillMode.RANDOM, 1, f.resolve(fixture + ".outputs.npz"),
                new Tolerance(null, null), 3, Map.of(), RunProtocol.AUTO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_small", "two_io_aot_hd"})
    void theDeviceProgramIsReachedOverTheDirectChannelAndGivesTvmsReferenceOutputs(String fixture) throws Exception {
        GeneratedProject project = fixture.endsWith("_aot_hd") ? HostDrivenFirmware.project(fixture)
                : HostDrivenFirmware.standaloneProject(fixture);

        RunResult result = run(project, fixture, true);

        assertThat(result.checks()).isNotEmpty().allMatch(OutputCheck::passed);
        assertThat(logLines).anyMatch(l -> l.startsWith("DEBUG Talking to the device over the direct channel"));
        assertThat(serverLines).as("the template's log").anyMatch(l -> l.contains("on the direct channel"))
                .noneMatch(l -> l.contains("relayed"));
        Matcher socket = logLines.stream().map(CHANNEL_SOCKET::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no socket named in " + logLines));
        Path dir = Path.of(socket.group(1)).getParent();
        assertThat(dir).as("the channel's private dir, after the run").doesNotExist();
    }

    @Test
    void withoutTheDirectChannelEveryByteIsRelayedWithTheSameOutputs() throws Exception {
        GeneratedProject project = HostDrivenFirmware.standaloneProject("conv_small");

        RunResult relayed = run(project, "conv_small", false);
        RunResult direct = run(project, "conv_small", true);

        assertThat(relayed.checks()).isNotEmpty().allMatch(OutputCheck::passed);
        assertThat(relayed.outputs()).isEqualTo(direct.outputs());
        assertThat(serverLines).anyMatch(l -> l.contains("relayed")).anyMatch(l -> l.contains("on the direct channel"));
    }

    @Test
    void openTransportKeepsTvmsTimeoutsAndAddsOnlyTheChannel() throws Exception {
        GeneratedProject project = HostDrivenFirmware.standaloneProject("conv_small");
        try (ProjectApiClient server = ProjectServers.start(project.dir(), settings)) {
            ObjectNode params = new ObjectMapper().createObjectNode();
            params.set("options", new ObjectMapper().createObjectNode());
            JsonNode result = server.call("open_transport", params, Duration.ofSeconds(30));

            List<String> keys = new ArrayList<>();
            result.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("timeouts", "direct_channel");
            List<String> timeouts = new ArrayList<>();
            result.get("timeouts").fieldNames().forEachRemaining(timeouts::add);
            assertThat(timeouts).containsExactly("session_start_retry_timeout_sec", "session_start_timeout_sec",
                    "session_established_timeout_sec");
            result.get("timeouts").forEach(v -> assertThat(v.isNumber()).isTrue());
            assertThat(result.get("direct_channel").get("kind").asText()).isEqualTo("unix_socket");
            Path socket = Path.of(result.get("direct_channel").get("path").asText());
            assertThat(socket).isAbsolute().exists();

            server.closeTransport(Duration.ofSeconds(30));
            assertThat(socket.getParent()).as("close_transport removes the channel's dir").doesNotExist();
        }
    }

    @Test
    void theSocketOfAServerThatWasKilledIsRemovedWhenTheTransportCloses() throws Exception {
        GeneratedProject project = HostDrivenFirmware.standaloneProject("conv_small");
        ProjectApiClient server = ProjectServers.start(project.dir(), settings);
        ProjectApiTransport relay = ProjectApiTransport.open(server, new ObjectMapper().createObjectNode(),
                Duration.ofSeconds(30));
        Path socket = relay.directChannel().orElseThrow().path();
        assertThat(socket).exists();
        // SIGKILL: the server gets no chance to clean up, as when a call ran past its deadline
        ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket).as("left behind by the killed server").exists();

        try {
            relay.close();
        } catch (io.microtvm.transport.DeviceException expected) {
            // close_transport cannot reach a dead server; the cleanup happens all the same
        }

        assertThat(socket.getParent()).doesNotExist();
    }

    @Test
    void aChannelThatCannotBeOpenedFallsBackToTheRelayWithADebugLine() throws Exception {
        Path missing = tmp.resolve("gone/device.sock");
        try (ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tmp)), l -> { })) {
            ObjectNode options = new ObjectMapper().createObjectNode();
            options.set("direct_channel", new ObjectMapper().createObjectNode().put("kind", "unix_socket")
                    .put("path", missing.toString()));
            ProjectApiTransport relay = ProjectApiTransport.open(server, options, Duration.ofSeconds(15));
            assertThat(Files.exists(missing)).isFalse();

            Transport chosen = new ModelRun(settings, log).directChannelOf(relay);

            assertThat(chosen).isSameAs(relay);
            assertThat(logLines).anyMatch(l -> l.startsWith("DEBUG The template's direct channel could not be opened")
                    && l.contains(missing.toString()) && l.endsWith("every byte goes through the Project API relay instead"));
            // the relay still works: the scripted server's device is a loopback
            chosen.write(new byte[] {1, 2, 3}, Duration.ofSeconds(5));
            assertThat(chosen.read(3, Duration.ofSeconds(5))).containsExactly(1, 2, 3);
            logLines.clear();
            assertThat(new ModelRun(settings, log).withDirectChannel(false).directChannelOf(relay)).isSameAs(relay);
            assertThat(logLines).as("not even tried when turned off").isEmpty();
        }
    }
}
