package io.microtvm.projectapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client of one running Project API server (TVM's {@code ProjectAPIClient}): the protocol's
 * methods with typed parameters and results (docs/project-api.md, "Methods"), and the server's
 * errors as the exceptions TVM maps them to. Start one with {@link ServerLauncher#launch}; close it
 * when done, which ends the server. The JSON-RPC underneath (ids, deadlines, a server that fails
 * mid-call) is the {@link JsonRpcChannel}'s.
 */
public final class ProjectApiClient implements AutoCloseable {

    /** How requests are encoded and replies read: ASCII only, so a request is always one line. */
    static final ObjectMapper JSON = JsonRpcChannel.JSON;

    private static final String SERVER_INFO_QUERY = "server_info_query";

    private final JsonRpcChannel channel;
    private final ServerProcess process;

    // the last server_info_query result and what it meant (that JsonNode never leaves this class)
    private volatile KeptInfo keptInfo;

    ProjectApiClient(JsonRpcChannel channel) {
        this.channel = channel;
        this.process = channel.process();
    }

    // ---- what the caller may inspect ----

    /** The template or project directory the server runs in (absolute). */
    public Path directory() {
        return channel.directory();
    }

    /** The argv the server was exec'd with (launch script or interpreter first). */
    public List<String> command() {
        return channel.command();
    }

    /** The OS process id of the server (of the launch script, when there is one). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once the server has ended; empty while it runs. */
    public OptionalInt exitStatus() {
        return process.exitStatus();
    }

    /** The last lines the server wrote to stderr, oldest first. */
    public List<String> stderrTail() {
        return process.stderrTail();
    }

    // ---- the Project API methods (docs/project-api.md, "Methods") ----

    /** Asks the server what it is; rejects any protocol version but 1. */
    public ServerInfo serverInfoQuery(String tvmVersion, Duration deadline) throws ProjectApiException {
        ObjectNode params = JSON.createObjectNode().put("tvm_version", Objects.requireNonNull(tvmVersion));
        JsonNode result = call(SERVER_INFO_QUERY, params, deadline, true);
        KeptInfo kept = keptInfo;
        if (kept != null && kept.result() == result) {
            return kept.info(); // the reply repeated the last one: so does its meaning
        }
        ServerInfo info = ServerInfoReply.parse(result, channel);
        keptInfo = new KeptInfo(result, info);
        return info;
    }

    /**
     * Generates a project from a template. Paths are sent absolute.
     *
     * @param standaloneCrtDir TVM's {@code standalone_crt} tree; null sends an empty string
     */
    public void generateProject(Path modelLibraryFormat, Path standaloneCrtDir, Path projectDir, ObjectNode options,
            Duration deadline) throws ProjectApiException {
        ObjectNode params = JSON.createObjectNode();
        params.put("model_library_format_path", absolute(modelLibraryFormat));
        params.put("standalone_crt_dir", standaloneCrtDir == null ? "" : absolute(standaloneCrtDir));
        params.put("project_dir", absolute(projectDir));
        params.set("options", Objects.requireNonNull(options, "options"));
        call("generate_project", params, deadline);
    }

    public void build(ObjectNode options, Duration deadline) throws ProjectApiException {
        call("build", optionsParams(options), deadline);
    }

    public void flash(ObjectNode options, Duration deadline) throws ProjectApiException {
        call("flash", optionsParams(options), deadline);
    }

    public OpenedTransport openTransport(ObjectNode options, Duration deadline) throws ProjectApiException {
        String method = "open_transport";
        JsonNode result = call(method, optionsParams(options), deadline);
        JsonNode timeouts = result.path("timeouts");
        return new OpenedTransport(new TransportTimeouts(
                seconds(method, timeouts, "session_start_retry_timeout_sec"),
                seconds(method, timeouts, "session_start_timeout_sec"),
                seconds(method, timeouts, "session_established_timeout_sec")),
                directChannelOf(result.get("direct_channel")));
    }

    public void closeTransport(Duration deadline) throws ProjectApiException {
        // the server rejects any parameter here, even an empty options object
        call("close_transport", JSON.createObjectNode(), deadline);
    }

    /**
     * Reads up to {@code n} bytes from the device.
     *
     * @param timeoutSec how long the server may wait for data; null blocks, 0 polls
     * @throws IoTimeoutException no data in time; also when a server returns empty data, as the
     *                            Arduino one does instead of raising the error
     *                            (docs/project-api.md, case B21)
     */
    public byte[] readTransport(int n, Double timeoutSec, Duration deadline) throws ProjectApiException {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        String method = "read_transport";
        ObjectNode params = JSON.createObjectNode().put("n", n);
        putTimeout(params, timeoutSec);
        JsonNode data = call(method, params, deadline).path("data");
        if (!data.isTextual()) {
            throw channel.brokenReply(method, "whose result has no string 'data'");
        }
        byte[] bytes;
        try {
            bytes = Base85.decode(data.asText());
        } catch (IllegalArgumentException e) {
            throw channel.brokenReply(method, "whose 'data' is " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new IoTimeoutException(method, JSON.createObjectNode()
                    .put("reason", "the server returned empty data, which means no data arrived in time"));
        }
        return bytes;
    }

    /**
     * Writes all of {@code data} to the device. Any result is accepted: the reference servers
     * return null, the Arduino one a byte count (docs/project-api.md, case B20).
     */
    public void writeTransport(byte[] data, Double timeoutSec, Duration deadline) throws ProjectApiException {
        ObjectNode params = JSON.createObjectNode().put("data", Base85.encode(data));
        putTimeout(params, timeoutSec);
        call("write_transport", params, deadline);
    }

    /**
     * Sends one request and returns its {@code result}. The typed methods above go through here;
     * use it directly only for methods they do not cover.
     *
     * @param deadline how long to wait for the reply; for the first call, counted from the launch
     */
    public JsonNode call(String method, ObjectNode params, Duration deadline) throws ProjectApiException {
        return call(method, params, deadline, false);
    }

    private JsonNode call(String method, ObjectNode params, Duration deadline, boolean repeatable)
            throws ProjectApiException {
        try {
            return channel.call(method, params, deadline, repeatable);
        } catch (JsonRpcErrorException e) {
            throw serverError(e);
        }
    }

    /**
     * TVM's mapping of an error object: a failure inside the method (-32000) is a server error, the
     * three the server names by their bare Python class its typed ones; other codes stay as they are.
     */
    private static JsonRpcErrorException serverError(JsonRpcErrorException e) {
        if (e.code() != JsonRpcErrorException.SERVER_ERROR || e instanceof ServerErrorException) {
            return e;
        }
        return switch (e.errorMessage()) {
            case IoTimeoutException.NAME -> new IoTimeoutException(e.method(), e.data());
            case TransportClosedException.NAME -> new TransportClosedException(e.method(), e.data());
            case UnsupportedTvmVersionException.NAME -> new UnsupportedTvmVersionException(e.method(), e.data());
            default -> new ServerErrorException(e.method(), e.errorMessage(), e.data());
        };
    }

    /**
     * Closes the request pipe, which makes a server exit; kills it (and its descendants) if it is
     * still there after the grace period. Idempotent; returns once nothing is left running.
     */
    @Override
    public void close() {
        channel.close();
    }

    /** Whether this server is on the JVM shutdown hook's kill list. For tests. */
    boolean isRegisteredForShutdown() {
        return LiveServerRegistry.isRegistered(process);
    }

    // ---- parameters and results ----

    /**
     * The extra {@code direct_channel} key. An extension of the protocol: a value of another shape
     * counts as no channel, and the relay is used as with any template.
     */
    private static Optional<DirectChannel> directChannelOf(JsonNode channel) {
        if (channel == null || !channel.isObject()) {
            return Optional.empty();
        }
        JsonNode kind = channel.get("kind");
        JsonNode path = channel.get("path");
        if (kind == null || !kind.isTextual() || path == null || !path.isTextual() || path.textValue().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DirectChannel(kind.textValue(), Path.of(path.textValue())));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private double seconds(String method, JsonNode timeouts, String name) throws ProjectApiException {
        JsonNode value = timeouts.get(name);
        if (value == null || !value.isNumber()) {
            throw channel.brokenReply(method, "without a number 'timeouts." + name + "'");
        }
        return value.doubleValue();
    }

    // the server resolves paths against its own working directory, which is not ours
    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private static ObjectNode optionsParams(ObjectNode options) {
        ObjectNode params = JSON.createObjectNode();
        params.set("options", Objects.requireNonNull(options, "options"));
        return params;
    }

    private static void putTimeout(ObjectNode params, Double timeoutSec) {
        if (timeoutSec == null) {
            params.putNull("timeout_sec");
            return;
        }
        if (timeoutSec.isNaN() || timeoutSec < 0 || timeoutSec.isInfinite()) {
            throw new IllegalArgumentException("timeoutSec must be null or a finite number >= 0: " + timeoutSec);
        }
        params.put("timeout_sec", timeoutSec);
    }

    private record KeptInfo(JsonNode result, ServerInfo info) {
    }
}
