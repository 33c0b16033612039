package io.microtvm.projectapi;

import static io.microtvm.projectapi.TestServers.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/project-api.md, "Messages on the channel" to "Methods", cases B1–B22, against the
 * well-behaved scripted server.
 */
class ProjectApiClientTest {

    @TempDir
    Path tempDir;

    private ProjectApiClient server;

    @BeforeEach
    void start() throws Exception {
        server = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), line -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode object() {
        return ProjectApiClient.JSON.createObjectNode();
    }

    /** Every request the server received so far, as it parsed them (this call's own is last). */
    private List<JsonNode> received() throws ProjectApiException {
        List<JsonNode> out = new ArrayList<>();
        server.call("recorded_requests", object(), CALL).forEach(out::add);
        return out;
    }

    private JsonNode lastParamsOf(String method) throws ProjectApiException {
        JsonNode found = null;
        for (JsonNode r : received()) {
            if (r.at("/request/method").asText().equals(method)) {
                found = r.at("/request/params");
            }
        }
        assertThat(found).as("a %s request reached the server", method).isNotNull();
        return found;
    }

    @Test
    void serverInfoQueryReturnsAllMembers() throws Exception {
        ServerInfo info = server.serverInfoQuery("0.18.0", CALL);

        assertThat(info.platformName()).isEqualTo("scripted");
        assertThat(info.isTemplate()).isTrue();
        assertThat(info.modelLibraryFormatPath()).isEmpty();
        assertThat(info.protocolVersion()).isEqualTo(1);
        assertThat(info.projectOptions()).extracting(ProjectOption::name).containsExactly("verbose", "board");
        ProjectOption verbose = info.option("verbose").orElseThrow();
        assertThat(verbose.choices()).isEmpty();
        assertThat(verbose.defaultValue().asBoolean()).isFalse();
        assertThat(verbose.type()).isEqualTo("bool");
        assertThat(verbose.required()).isEmpty();
        assertThat(verbose.optional()).containsExactly("build");
        assertThat(verbose.help()).isEqualTo("Run build with verbose output.");
        ProjectOption board = info.option("board").orElseThrow();
        assertThat(board.choices()).containsExactly("qemu_x86", "nucleo_l4r5zi");
        assertThat(board.hasDefault()).isFalse();
        assertThat(board.isRequiredFor(ProjectMethod.GENERATE_PROJECT)).isTrue();
        assertThat(lastParamsOf("server_info_query").get("tvm_version").asText()).isEqualTo("0.18.0");
    }

    @Test
    void unsupportedTvmVersionIsTyped() throws Exception {
        assertThatThrownBy(() -> server.serverInfoQuery("reject-me", CALL))
                .isInstanceOf(UnsupportedTvmVersionException.class)
                .hasMessageContaining("UnsupportedTVMVersionError")
                .satisfies(e -> assertThat(((ServerErrorException) e).errorClass())
                        .isEqualTo("UnsupportedTVMVersionError"));
        assertThat(server.serverInfoQuery("0.18.0", CALL).platformName()).as("the server keeps serving")
                .isEqualTo("scripted");
    }

    @Test
    void buildAndFlashSendExactlyTheOptions() throws Exception {
        ObjectNode options = object().put("verbose", true).put("board", "qemu_x86");
        options.putNull("cmsis_path");

        server.build(options, CALL);
        assertThat(lastParamsOf("build")).isEqualTo(object().set("options", options));
        server.flash(options, CALL);
        assertThat(lastParamsOf("flash")).isEqualTo(object().set("options", options));
    }

    @Test
    void generateProjectSendsAbsolutePathsAndAnEmptyCrtDirForNull() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path mlf = cwd.relativize(tempDir.resolve("model.tar"));
        Path project = cwd.relativize(tempDir.resolve("generated"));
        ObjectNode options = object().put("board", "qemu_x86");

        server.generateProject(mlf, null, project, options, CALL);

        JsonNode params = lastParamsOf("generate_project");
        assertThat(params.get("model_library_format_path").asText()).isEqualTo(tempDir.resolve("model.tar").toString());
        assertThat(params.get("standalone_crt_dir").asText()).isEmpty();
        assertThat(params.get("project_dir").asText()).isEqualTo(tempDir.resolve("generated").toString());
        assertThat(params.get("options")).isEqualTo(options);
        assertThat(tempDir.resolve("generated/generated.json")).exists();

        server.generateProject(mlf, tempDir.resolve("crt"), tempDir.resolve("second"), options, CALL);
        assertThat(lastParamsOf("generate_project").get("standalone_crt_dir").asText())
                .isEqualTo(tempDir.resolve("crt").toString());
    }

    @Test
    void openTransportReturnsTheTimeoutsUnchanged() throws Exception {
        OpenedTransport opened = server.openTransport(
                object().put("retry", 0.5).put("start", 7).put("established", 0), CALL);

        assertThat(opened.timeouts()).isEqualTo(new TransportTimeouts(0.5, 7.0, 0.0));
        assertThat(opened.directChannel()).as("a template that offers no direct channel").isEmpty();
    }

    @Test
    void aDirectChannelInTheOpenTransportResultIsRead() throws Exception {
        ObjectNode channel = object().put("kind", "unix_socket").put("path", "/tmp/some-dir/device.sock");
        OpenedTransport opened = server.openTransport(object().set("direct_channel", channel), CALL);

        assertThat(opened.directChannel()).hasValue(
                new DirectChannel("unix_socket", Path.of("/tmp/some-dir/device.sock")));
        assertThat(opened.directChannel().get().supported()).isTrue();
    }

    @Test
    void aDirectChannelOfAnotherShapeCountsAsNoneAndAnUnknownKindAsUnsupported() throws Exception {
        for (JsonNode odd : List.<JsonNode>of(ProjectApiClient.JSON.getNodeFactory().textNode("/tmp/x.sock"),
                object().put("kind", "unix_socket"), object().put("path", "/tmp/x.sock"),
                object().put("kind", "unix_socket").put("path", 7), object().put("kind", 1).put("path", "/x"))) {
            OpenedTransport opened = server.openTransport(object().set("direct_channel", odd), CALL);
            assertThat(opened.directChannel()).as("direct_channel %s", odd).isEmpty();
            assertThat(opened.timeouts()).as("the timeouts of a reply with direct_channel %s", odd)
                    .isEqualTo(new TransportTimeouts(1.0, 2.0, 3.0));
        }
        OpenedTransport tcp = server.openTransport(object().set("direct_channel",
                object().put("kind", "tcp").put("path", "/x")), CALL);
        assertThat(tcp.directChannel().map(DirectChannel::supported)).hasValue(false);
        OpenedTransport relative = server.openTransport(object().set("direct_channel",
                object().put("kind", "unix_socket").put("path", "device.sock")), CALL);
        assertThat(relative.directChannel().map(DirectChannel::supported)).hasValue(false);
    }

    @Test
    void closeTransportSendsEmptyParams() throws Exception {
        server.closeTransport(CALL);

        assertThat(lastParamsOf("close_transport")).isEqualTo(object());
    }

    @Test
    void transportRoundTripUsesBase85OnTheWire() throws Exception {
        server.openTransport(object(), CALL);
        byte[] payload = {'f', 'o', 'o', 0x1b};

        server.writeTransport(payload, 5.0, CALL);
        JsonNode written = lastParamsOf("write_transport");
        byte[] read = server.readTransport(128, 5.0, CALL);

        assertThat(written.get("data").asText()).isEqualTo("W^ZpB");
        assertThat(written.get("timeout_sec").asDouble()).isEqualTo(5.0);
        assertThat(read).isEqualTo(payload);
        JsonNode readParams = lastParamsOf("read_transport");
        assertThat(readParams.get("n").asInt()).isEqualTo(128);
        assertThat(readParams.get("timeout_sec").asDouble()).isEqualTo(5.0);
    }

    @Test
    void readTransportHonoursNAndSendsNullForBlocking() throws Exception {
        server.openTransport(object(), CALL);
        server.writeTransport("hello world".getBytes(StandardCharsets.US_ASCII), null, CALL);

        assertThat(server.readTransport(5, null, CALL)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
        assertThat(lastParamsOf("read_transport").get("timeout_sec").isNull()).isTrue();
        assertThat(server.readTransport(100, 0.0, CALL)).asString(StandardCharsets.US_ASCII).isEqualTo(" world");
    }

    @Test
    void transportErrorsAreTyped() throws Exception {
        server.openTransport(object(), CALL);

        assertThatThrownBy(() -> server.readTransport(128, 0.1, CALL))
                .isInstanceOf(IoTimeoutException.class)
                .hasMessage("Project API server error in 'read_transport': IoTimeoutError");
        assertThatThrownBy(() -> server.writeTransport("TIMEOUT".getBytes(StandardCharsets.US_ASCII), 0.1, CALL))
                .isInstanceOf(IoTimeoutException.class);
        server.closeTransport(CALL);
        assertThatThrownBy(() -> server.readTransport(128, 0.1, CALL))
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("TransportClosedError");
        assertThatThrownBy(() -> server.writeTransport(new byte[] {1}, 0.1, CALL))
                .isInstanceOf(TransportClosedException.class);
    }

    @Test
    void writeTransportAcceptsAnIntResultAndEmptyReadDataIsATimeout() throws Exception {
        // the Arduino server's quirks (docs/project-api.md, cases B20, B21)
        server.openTransport(object().put("quirk", "arduino"), CALL);

        server.writeTransport(new byte[] {1, 2, 3}, 1.0, CALL);
        assertThat(server.readTransport(3, 1.0, CALL)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> server.readTransport(3, 0.1, CALL))
                .isInstanceOf(IoTimeoutException.class)
                .satisfies(e -> assertThat(((IoTimeoutException) e).data().toString()).contains("empty data"));
    }

    @Test
    void methodExceptionShowsThePythonExceptionAndKeepsTheTraceback() throws Exception {
        ServerErrorException e = catchServerError(() -> server.build(object().put("fail", "make"), CALL));

        assertThat(e).hasMessage("Project API server error in 'build': CalledProcessError: Command '['make']'"
                + " returned non-zero exit status 2.");
        assertThat(e.getMessage()).doesNotContain("Traceback");
        assertThat(e.errorClass()).isEqualTo("CalledProcessError");
        assertThat(e.errorMessage()).isEqualTo("calling method build");
        assertThat(e.code()).isEqualTo(-32000);
        assertThat(e.method()).isEqualTo("build");
        assertThat(e.traceback()).startsWith("Traceback (most recent call last):")
                .contains("subprocess.CalledProcessError: Command '['make']'");
        assertThat(e.detailedMessage()).startsWith(e.getMessage()).contains(e.traceback().strip());
        assertThat(server.isAlive()).isTrue();
        server.flash(object(), CALL);
    }

    @Test
    void serverErrorWithItsOwnMessageShowsThatMessage() throws Exception {
        ServerErrorException e = catchServerError(() -> server.flash(object().put("fail", "custom"), CALL));

        assertThat(e).isExactlyInstanceOf(ServerErrorException.class)
                .hasMessage("Project API server error in 'flash': custom failure");
        assertThat(e.errorClass()).isEqualTo("ServerError");
    }

    @Test
    void unknownMethodIsARawJsonRpcError() throws Exception {
        JsonRpcErrorException e = catchRpcError(() -> server.call("no_such_method", object(), CALL));

        assertThat(e).isExactlyInstanceOf(JsonRpcErrorException.class);
        assertThat(e.code()).isEqualTo(JsonRpcErrorException.METHOD_NOT_FOUND);
        assertThat(e.errorMessage()).isEqualTo("no_such_method: no such method");
        assertThat(e).hasMessageContaining("-32601").hasMessageContaining("no_such_method: no such method");
        assertThat(server.serverInfoQuery("0.18.0", CALL)).isNotNull();
    }

    @Test
    void extraParametersAreInvalidParams() throws Exception {
        for (String method : List.of("build", "open_transport")) {
            ObjectNode params = object();
            params.set("options", object());
            params.put("invalid_param_name", 1);

            JsonRpcErrorException e = catchRpcError(() -> server.call(method, params, CALL));

            assertThat(e.code()).isEqualTo(JsonRpcErrorException.INVALID_PARAMS);
            assertThat(e.errorMessage()).isEqualTo(method + ": extra parameters: invalid_param_name");
        }
    }

    @Test
    void missingParametersAreInvalidParams() throws Exception {
        for (String method : List.of("build", "open_transport")) {
            JsonRpcErrorException e = catchRpcError(() -> server.call(method, object(), CALL));

            assertThat(e.code()).isEqualTo(JsonRpcErrorException.INVALID_PARAMS);
            assertThat(e.errorMessage()).isEqualTo("method " + method + ": parameter options not given");
        }
    }

    @Test
    void nullOptionsAreInvalidParams() throws Exception {
        ObjectNode params = object();
        params.putNull("options");

        JsonRpcErrorException e = catchRpcError(() -> server.call("build", params, CALL));

        assertThat(e.code()).isEqualTo(JsonRpcErrorException.INVALID_PARAMS);
        assertThat(e.errorMessage()).endsWith("parameter options: want <class 'dict'>, got <class 'NoneType'>");
    }

    @Test
    void errorCodesOutsideTheEnumAreRawJsonRpcErrors() throws Exception {
        ObjectNode params = object().put("code", 12345).put("message", "something odd");
        params.set("data", object().put("hint", "kept"));

        JsonRpcErrorException e = catchRpcError(() -> server.call("raw_error", params, CALL));

        assertThat(e).isExactlyInstanceOf(JsonRpcErrorException.class);
        assertThat(e.code()).isEqualTo(12345);
        assertThat(e.errorMessage()).isEqualTo("something odd");
        assertThat(e.data().get("hint").asText()).isEqualTo("kept");
        assertThat(e.detailedMessage()).contains("\"hint\":\"kept\"");
    }

    @Test
    void serverErrorNamesMapToTheirTypes() throws Exception {
        ObjectNode params = object().put("code", -32000).put("message", "TransportClosedError");
        params.putNull("data");
        assertThatThrownBy(() -> server.call("raw_error", params, CALL)).isInstanceOf(TransportClosedException.class);
        params.put("message", "IoTimeoutError");
        assertThatThrownBy(() -> server.call("raw_error", params, CALL)).isInstanceOf(IoTimeoutException.class);
        params.put("message", "SomethingElseError");
        assertThatThrownBy(() -> server.call("raw_error", params, CALL))
                .isExactlyInstanceOf(ServerErrorException.class)
                .hasMessage("Project API server error in 'raw_error': SomethingElseError");
    }

    @Test
    void idsStartAtOneAndGoUpByOne() throws Exception {
        server.serverInfoQuery("0.18.0", CALL);
        server.build(object(), CALL);
        assertThatThrownBy(() -> server.call("no_such_method", object(), CALL))
                .isInstanceOf(JsonRpcErrorException.class);

        List<JsonNode> requests = received();

        assertThat(requests).extracting(r -> r.at("/request/id").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.at("/request/jsonrpc").asText()).isEqualTo("2.0");
            List<String> keys = new ArrayList<>();
            r.get("request").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("jsonrpc", "method", "params", "id");
        });
    }

    @Test
    void optionStringsWithNonAsciiAndNewlinesSurviveAsOneAsciiLine() throws Exception {
        String unicode = "héllo wörld ✓ 😀 \u2028";
        String multiLine = "line one\nline two\r\n\ttabbed \"quoted\" \\ backslash";
        ObjectNode options = object().put("unicode", unicode).put("multi_line", multiLine);

        server.build(options, CALL);

        JsonNode request = received().stream()
                .filter(r -> r.at("/request/method").asText().equals("build")).findFirst().orElseThrow();
        assertThat(request.at("/request/params/options/unicode").asText()).isEqualTo(unicode);
        assertThat(request.at("/request/params/options/multi_line").asText()).isEqualTo(multiLine);
        String raw = request.get("raw").asText();
        assertThat(raw).endsWith("\n");
        assertThat(raw.substring(0, raw.length() - 1)).doesNotContain("\n", "\r");
        assertThat(raw.chars()).allMatch(c -> c < 128);
    }

    @Test
    void extraInfoKeysAreReadAndOddShapesOfThemIgnored(@TempDir Path otherDir) throws Exception {
        assertThat(server.serverInfoQuery("0.18.0", CALL).firmwareImages()).as("none declared").isEmpty();
        String extra = "{\"firmware_images\": {\"elf\": \"build/fw.elf\", \"bin\": 7, \"\": \"x\"},"
                + " \"required_tools\": [{\"command\": \"make\", \"needed_for\": [\"build\", 3]},"
                + " {\"command\": \"{qemu}\", \"default\": \"qemu-system-arm\"}, {\"no_command\": 1}, \"make\"]}";
        LaunchSpec spec = LaunchSpec.of(TestServers.scripted(otherDir)).withEnvironment("SCRIPTED_EXTRA_INFO", extra);
        try (ProjectApiClient extended = ServerLauncher.launch(spec, line -> { })) {
            ServerInfo info = extended.serverInfoQuery("0.18.0", CALL);
            assertThat(info.firmwareImages()).containsExactly(java.util.Map.entry("elf", "build/fw.elf"));
            assertThat(info.requiredTools()).containsExactly(
                    new RequiredTool("make", null, java.util.List.of("build")),
                    new RequiredTool("{qemu}", "qemu-system-arm", java.util.List.of()));
        }
        LaunchSpec wrongTypes = LaunchSpec.of(TestServers.scripted(otherDir.resolve("odd"))).withEnvironment("SCRIPTED_EXTRA_INFO",
                "{\"firmware_images\": [\"build/fw.elf\"], \"required_tools\": {\"command\": \"make\"}}");
        try (ProjectApiClient odd = ServerLauncher.launch(wrongTypes, line -> { })) {
            ServerInfo info = odd.serverInfoQuery("0.18.0", CALL);
            assertThat(info.firmwareImages()).isEmpty();
            assertThat(info.requiredTools()).isEmpty();
            assertThat(info.platformName()).isEqualTo("scripted");
        }
    }

    @Test
    void wrongProtocolVersionIsRejected(@TempDir Path otherDir) throws Exception {
        LaunchSpec spec = LaunchSpec.of(TestServers.scripted(otherDir)).withEnvironment("SCRIPTED_PROTOCOL_VERSION", "0");
        try (ProjectApiClient old = ServerLauncher.launch(spec, line -> { })) {
            assertThatThrownBy(() -> old.serverInfoQuery("0.18.0", CALL))
                    .isInstanceOf(UnsupportedProtocolVersionException.class)
                    .hasMessage("microTVM API Server supports protocol version 0; want 1");
        }
    }

    @Test
    void callsAfterCloseFailImmediately() throws Exception {
        server.close();

        assertThatThrownBy(() -> server.build(object(), CALL))
                .isInstanceOf(ConnectionShutdownException.class)
                .hasMessageStartingWith("connection already closed");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ServerErrorException catchServerError(Call call) {
        return (ServerErrorException) catchRpcError(call);
    }

    private static JsonRpcErrorException catchRpcError(Call call) {
        try {
            call.run();
        } catch (JsonRpcErrorException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a JsonRpcErrorException, got " + e, e);
        }
        throw new AssertionError("expected a JsonRpcErrorException, but the call succeeded");
    }
}
