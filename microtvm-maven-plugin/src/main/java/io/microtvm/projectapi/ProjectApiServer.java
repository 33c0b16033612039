package io.microtvm.projectapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One running Project API server and the JSON-RPC 2.0 channel to it (spec §1.6–§1.12, §2).
 * Start one with {@link ServerLauncher#launch}; close it when done.
 *
 * <p>Calls are strictly sequential: one request line, then one reply line, written and read on
 * the calling thread (no reader thread, no timer per call: a warm call costs little more than the
 * pipe round trip). Every call has a deadline, enforced by a {@link CallWatch}; the first call's
 * deadline is counted from the launch, so a server that hangs while starting is caught too. When a call fails in a way that leaves the channel useless (deadline,
 * garbage, EOF, a reply to another request), the server and all its descendants are killed
 * before the exception reaches the caller, and every later call fails with
 * {@link ConnectionShutdownException}. Errors the server reports itself
 * ({@link JsonRpcErrorException} and subclasses) leave it running.
 */
public final class ProjectApiServer implements AutoCloseable {

    /** Request encoding as TVM's client writes it: ASCII only, so a request is always one line. */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    // a reply line is already bounded by maxReplyBytes; Jackson's own string limit
                    // (20 MB) would reject large but legitimate tracebacks or transport chunks
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // a server that has exited cannot answer: whatever it wrote before is read within this, after
    // which a reply pipe without EOF is held open by something it started
    private static final Duration EXIT_DRAIN = Duration.ofSeconds(1);
    private static final String SERVER_INFO_QUERY = "server_info_query";

    private final ServerProcess process;
    private final LaunchSpec spec;
    private final List<String> command;
    // read on the calling thread: a reader thread would add a thread wake-up to every call
    private final BoundedLineReader replies;
    private final CallWatch watch;
    private final ReplyParser parser;
    private final long launchNanos;
    private final String serverName;

    // the last server_info_query reply and what it meant (that JsonNode never leaves this class)
    private final RepeatedReply infoReply = new RepeatedReply(JSON); // guarded by callLock
    private volatile KeptInfo keptInfo;

    private final Object callLock = new Object();
    private long nextId = 1; // guarded by callLock
    private boolean firstCall = true; // guarded by callLock
    private volatile boolean connectionClosed;
    private final Object closeLock = new Object();
    private boolean closed; // guarded by closeLock

    ProjectApiServer(ServerProcess process, LaunchSpec spec, List<String> command, long launchNanos) {
        this.process = process;
        this.spec = spec;
        this.command = List.copyOf(command);
        this.launchNanos = launchNanos;
        this.serverName = "the Project API server in " + spec.directory();
        this.replies = new BoundedLineReader(process.replies(), spec.maxReplyBytes());
        this.watch = new CallWatch(process, EXIT_DRAIN);
        this.parser = new ReplyParser(JSON, serverName);
    }

    // ---- what the caller may inspect ----

    /** The template or project directory the server runs in (absolute). */
    public Path directory() {
        return spec.directory();
    }

    /** The argv the server was exec'd with (launch script or interpreter first). */
    public List<String> command() {
        return command;
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

    // ---- the Project API methods (spec §2) ----

    /** Asks the server what it is; rejects any protocol version but 1. */
    public ServerInfo serverInfoQuery(String tvmVersion, Duration deadline) throws ProjectApiException {
        ObjectNode params = JSON.createObjectNode().put("tvm_version", Objects.requireNonNull(tvmVersion));
        JsonNode result = call(SERVER_INFO_QUERY, params, deadline, true);
        KeptInfo kept = keptInfo;
        if (kept != null && kept.result() == result) {
            return kept.info(); // the reply repeated the last one: so does its meaning
        }
        ServerInfo info = serverInfoOf(result);
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
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
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
     *                            Arduino one does instead of raising the error (case B21)
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
            throw failChannel(parser.malformed(method, "whose result has no string 'data'"));
        }
        byte[] bytes;
        try {
            bytes = Base85.decode(data.asText());
        } catch (IllegalArgumentException e) {
            throw failChannel(parser.malformed(method, "whose 'data' is " + e.getMessage()));
        }
        if (bytes.length == 0) {
            throw new IoTimeoutException(method, JSON.createObjectNode()
                    .put("reason", "the server returned empty data, which means no data arrived in time"));
        }
        return bytes;
    }

    /**
     * Writes all of {@code data} to the device. Any result is accepted: the reference servers
     * return null, the Arduino one a byte count (case B20).
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

    /** @param repeatable whether a reply that repeats the last one of {@code method} may give back its result as kept */
    private JsonNode call(String method, ObjectNode params, Duration deadline, boolean repeatable)
            throws ProjectApiException {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a call needs a positive deadline: " + deadline);
        }
        synchronized (callLock) {
            if (connectionClosed) {
                throw new ConnectionShutdownException("connection already closed: cannot call '" + method + "' on "
                        + serverName);
            }
            Due due = new Due(firstCall ? launchNanos : System.nanoTime(), deadline, firstCall);
            firstCall = false;
            long id = nextId++;
            watch.begin(due.atNanos());
            try {
                send(method, requestLine(method, params, id), due);
                return interpret(method, id, awaitReply(method, due), repeatable);
            } finally {
                watch.end();
            }
        }
    }

    /** The reply line; what the watch did, or the pipe's end, as the exception the caller gets. */
    private byte[] awaitReply(String method, Due due) throws ProjectApiException {
        BoundedLineReader.Line line;
        IOException failure = null;
        try {
            line = replies.next();
        } catch (IOException e) {
            line = null;
            failure = e;
        }
        switch (watch.verdict()) {
            case DEADLINE -> throw timedOut(method, due, "");
            case PIPE_HELD -> throw pipeHeldAfterExit(method);
            case INTERRUPTED -> {
                abandon();
                throw new ConnectionShutdownException("interrupted while waiting for the reply to '" + method
                        + "'; " + serverName + " was stopped", process.exitStatus(), process.stderrTail());
            }
            case NONE -> {
                // the call ended by itself
            }
        }
        if (line == null) {
            throw connectionLost("got EOF reading the reply to '" + method + "' from ", failure);
        }
        if (line.truncated()) {
            throw failChannel(parser.malformed(method, "line longer than " + spec.maxReplyBytes()
                    + " bytes (the limit for one reply); it is not a sane reply"));
        }
        return line.bytes();
    }

    private ConnectionShutdownException pipeHeldAfterExit(String method) {
        List<Long> holders = watch.pipeHolders();
        OptionalInt status = process.exitStatus();
        abandon();
        String message = "no reply to '" + method + "' from " + serverName + ": the server exited"
                + (status.isPresent() ? " with status " + status.getAsInt() : "") + " without answering, but "
                + (holders.isEmpty() ? "something it started" : "processes it started (pids " + holders + ")")
                + " kept its reply pipe open; they were stopped. Check the template's build or flash tools"
                + " for a process left running in the background; " + process.stderrReport();
        return new ConnectionShutdownException(message, status, process.stderrTail());
    }

    // ---- shutdown ----

    /**
     * Closes the request pipe, which makes a server exit; kills it (and its descendants) if it is
     * still there after the grace period. Idempotent; returns once nothing is left running.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            connectionClosed = true;
            watch.stop();
            process.shutdown(spec.shutdownGrace());
            closed = true;
        }
    }

    /** Whether this server is on the JVM shutdown hook's kill list. For tests. */
    boolean isRegisteredForShutdown() {
        return LiveServerRegistry.isRegistered(process);
    }

    // ---- internals ----

    private void send(String method, byte[] line, Due due) throws ProjectApiException {
        if (due.expired()) {
            throw timedOut(method, due, "the deadline passed before the request could be sent");
        }
        try {
            OutputStream requests = process.requests();
            requests.write(line);
            requests.flush();
        } catch (IOException e) {
            switch (watch.verdict()) {
                case DEADLINE -> throw timedOut(method, due, "it stopped reading requests");
                case INTERRUPTED -> {
                    abandon();
                    throw new ConnectionShutdownException("interrupted while sending '" + method + "'; "
                            + serverName + " was stopped", process.exitStatus(), process.stderrTail());
                }
                default -> throw connectionLost("could not send '" + method + "' to ", e);
            }
        }
    }

    private static byte[] requestLine(String method, ObjectNode params, long id) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        request.set("params", params);
        request.put("id", id);
        try {
            byte[] json = JSON.writeValueAsBytes(request);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree: " + e.getMessage(), e);
        }
    }

    private JsonNode interpret(String method, long id, byte[] bytes, boolean repeatable) throws ProjectApiException {
        String text = isAscii(bytes)
                // what servers send (Python's json.dumps escapes everything else): no decoder needed
                ? new String(bytes, StandardCharsets.ISO_8859_1)
                : utf8(method, bytes);
        if (repeatable) {
            JsonNode kept = infoReply.match(id, text);
            if (kept != null) {
                return kept;
            }
        }
        JsonNode result;
        try {
            result = parser.resultOf(method, id, text);
        } catch (MalformedReplyException | MismatchedIdException e) {
            throw failChannel(e);
        }
        if (repeatable) {
            infoReply.keep(id, text, result);
        }
        return result;
    }

    private String utf8(String method, byte[] bytes) throws ProjectApiException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw failChannel(parser.malformed(method, "that is not valid UTF-8: "
                    + ReplyParser.quoted(new String(bytes, StandardCharsets.UTF_8))));
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private ServerInfo serverInfoOf(JsonNode result) throws ProjectApiException {
        String method = "server_info_query";
        if (!result.isObject()) {
            throw failChannel(parser.malformed(method, "whose result is not an object: " + result));
        }
        JsonNode version = result.get("protocol_version");
        if (version == null) {
            throw failChannel(parser.malformed(method, "without 'protocol_version'"));
        }
        if (!version.isNumber() || version.decimalValue().compareTo(BigDecimal.ONE) != 0) {
            throw new UnsupportedProtocolVersionException(version.isIntegralNumber() ? version.asText() : version.toString());
        }
        JsonNode platform = result.get("platform_name");
        JsonNode isTemplate = result.get("is_template");
        JsonNode mlf = result.get("model_library_format_path");
        JsonNode options = result.get("project_options");
        if (platform == null || !platform.isTextual()) {
            throw failChannel(parser.malformed(method, "without a string 'platform_name'"));
        }
        if (isTemplate == null || !isTemplate.isBoolean()) {
            throw failChannel(parser.malformed(method, "without a boolean 'is_template'"));
        }
        if (mlf != null && !mlf.isNull() && !mlf.isTextual()) {
            throw failChannel(parser.malformed(method, "whose 'model_library_format_path' is not a string"));
        }
        if (options == null || !(options.isArray() || options.isNull())) {
            throw failChannel(parser.malformed(method, "without a 'project_options' array"));
        }
        List<ProjectOption> parsed = new ArrayList<>();
        for (JsonNode option : options) {
            try {
                parsed.add(ProjectOption.fromJson(option));
            } catch (IllegalArgumentException e) {
                throw failChannel(parser.malformed(method, "with an unusable project option: " + e.getMessage()));
            }
        }
        return new ServerInfo(platform.asText(), isTemplate.asBoolean(),
                mlf == null || mlf.isNull() ? "" : mlf.asText(), parsed, version.intValue(),
                firmwareImagesOf(result.get("firmware_images")), requiredToolsOf(result.get("required_tools")));
    }

    /**
     * The extra {@code firmware_images} key: extension to relative path. An extension of the
     * protocol, so a value of another shape counts as none rather than as a broken server.
     */
    private static Map<String, String> firmwareImagesOf(JsonNode images) {
        Map<String, String> out = new LinkedHashMap<>();
        if (images != null && images.isObject()) {
            images.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !e.getKey().isBlank()) {
                    out.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        return out;
    }

    /** The extra {@code required_tools} key; entries of another shape are left out. */
    private static List<RequiredTool> requiredToolsOf(JsonNode tools) {
        List<RequiredTool> out = new ArrayList<>();
        if (tools == null || !tools.isArray()) {
            return out;
        }
        for (JsonNode tool : tools) {
            JsonNode command = tool.get("command");
            if (command == null || !command.isTextual() || command.textValue().isBlank()) {
                continue;
            }
            JsonNode fallback = tool.get("default");
            List<String> neededFor = new ArrayList<>();
            tool.path("needed_for").forEach(m -> {
                if (m.isTextual()) {
                    neededFor.add(m.textValue());
                }
            });
            out.add(new RequiredTool(command.textValue(), fallback != null && fallback.isTextual()
                    ? fallback.textValue() : null, neededFor));
        }
        return out;
    }

    private double seconds(String method, JsonNode timeouts, String name) throws ProjectApiException {
        JsonNode value = timeouts.get(name);
        if (value == null || !value.isNumber()) {
            throw failChannel(parser.malformed(method, "without a number 'timeouts." + name + "'"));
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

    /** Kills the server because the channel can no longer be trusted, then hands back {@code e}. */
    private <E extends ProjectApiException> E failChannel(E e) {
        abandon();
        return e;
    }

    private void abandon() {
        connectionClosed = true;
        watch.stop();
        process.kill();
    }

    /** @param note why there was no reply, when known; may be empty */
    private CallTimeoutException timedOut(String method, Due due, String note) {
        abandon();
        String message = "no reply from " + serverName + " to '" + method + "' within " + describe(due.length())
                + (due.includesStartUp() ? " of its launch (the first call's deadline includes start-up)" : "")
                + (note.isEmpty() ? "" : " (" + note + ")")
                + "; the server was stopped; " + process.stderrReport();
        return new CallTimeoutException(method, due.length(), spec.directory(), message);
    }

    /** @param what the start of the message, naming the method and ending before the server's name */
    private ConnectionShutdownException connectionLost(String what, IOException failure) {
        // a server that closed its pipes is normally on its way out: let it finish, for its status
        boolean exited = process.awaitExit(spec.shutdownGrace());
        abandon();
        StringBuilder message = new StringBuilder(what).append(serverName).append(": ");
        OptionalInt status = process.exitStatus();
        if (exited && status.isPresent()) {
            message.append("the server exited with status ").append(status.getAsInt());
            if (status.getAsInt() == 126 || status.getAsInt() == 127) {
                message.append(" (the shell's code for a command that could not be run or found)");
            }
        } else {
            message.append("the server closed its reply pipe but kept running, so it was stopped");
        }
        if (failure != null) {
            message.append(" (").append(failure.getMessage()).append(")");
        }
        message.append("; ").append(process.stderrReport());
        return new ConnectionShutdownException(message.toString(), status, process.stderrTail());
    }

    /** "600 s", "1.5 s", "250 ms". */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }


    private record KeptInfo(JsonNode result, ServerInfo info) {
    }

    /** When a call must have its reply. */
    private record Due(long startNanos, Duration length, boolean includesStartUp) {

        long remainingNanos() {
            return atNanos() - System.nanoTime();
        }

        boolean expired() {
            return remainingNanos() <= 0;
        }

        long atNanos() {
            long nanos;
            try {
                nanos = length.toNanos();
            } catch (ArithmeticException tooLong) {
                nanos = Long.MAX_VALUE / 4; // centuries: as good as no deadline
            }
            return startNanos + Math.min(nanos, Long.MAX_VALUE / 4);
        }
    }
}
