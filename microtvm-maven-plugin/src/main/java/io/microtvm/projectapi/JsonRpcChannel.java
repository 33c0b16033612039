package io.microtvm.projectapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Newline-delimited JSON-RPC 2.0 over a server process's pipes (docs/project-api.md, "Messages on
 * the channel" to "Transport data in base85"): request ids, one deadline per call, reading and
 * checking the reply, and what is left of the channel when a call fails. It knows nothing of the
 * Project API's methods; {@link ProjectApiClient} does.
 *
 * <p>Calls are strictly sequential: one request line, then one reply line, written and read on
 * the calling thread (no reader thread, no timer per call: a warm call costs little more than the
 * pipe round trip). Every call has a deadline, enforced by a {@link CallWatch}; the first call's
 * deadline is counted from the launch, so a server that hangs while starting is caught too. When a
 * call fails in a way that leaves the channel useless (deadline, garbage, EOF, a reply to another
 * request), the server and all its descendants are killed before the exception reaches the caller,
 * and every later call fails with {@link ConnectionShutdownException}. Error objects the server
 * sends ({@link JsonRpcErrorException}) leave it running.
 */
final class JsonRpcChannel implements AutoCloseable {

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

    private final ServerProcess process;
    private final LaunchSpec spec;
    private final List<String> command;
    // read on the calling thread: a reader thread would add a thread wake-up to every call
    private final BoundedLineReader replies;
    private final CallWatch watch;
    private final ReplyParser parser;
    private final long launchNanos;
    private final String serverName;

    // the last reply to a repeatable call, kept to skip parsing its repeats (guarded by callLock)
    private final RepeatedReply repeated = new RepeatedReply(JSON);

    private final Object callLock = new Object();
    private long nextId = 1; // guarded by callLock
    private boolean firstCall = true; // guarded by callLock
    private volatile boolean connectionClosed;
    private final Object closeLock = new Object();
    private boolean closed; // guarded by closeLock

    JsonRpcChannel(ServerProcess process, LaunchSpec spec, List<String> command, long launchNanos) {
        this.process = process;
        this.spec = spec;
        this.command = List.copyOf(command);
        this.launchNanos = launchNanos;
        this.serverName = "the Project API server in " + spec.directory();
        this.replies = new BoundedLineReader(process.replies(), spec.maxReplyBytes());
        this.watch = new CallWatch(process, EXIT_DRAIN);
        this.parser = new ReplyParser(JSON, serverName);
    }

    Path directory() {
        return spec.directory();
    }

    List<String> command() {
        return command;
    }

    ServerProcess process() {
        return process;
    }

    /**
     * Sends one request and returns its {@code result}.
     *
     * @param deadline   how long to wait for the reply; for the first call, counted from the launch
     * @param repeatable whether a reply that repeats the last repeatable one may give back the very
     *                   same result node, unparsed (callers may then keep what it meant)
     */
    JsonNode call(String method, ObjectNode params, Duration deadline, boolean repeatable) throws ProjectApiException {
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
            String reply = "reply from " + serverName + " to '" + method + "'";
            Deadline due = firstCall ? Deadline.counted(launchNanos, deadline, reply) : Deadline.after(deadline, reply);
            boolean includesStartUp = firstCall;
            firstCall = false;
            long id = nextId++;
            watch.begin(due.endNanos());
            try {
                send(method, JsonLines.request(JSON, method, params, id), due, includesStartUp);
                return interpret(method, id, awaitReply(method, due, includesStartUp), repeatable);
            } finally {
                watch.end();
            }
        }
    }

    /**
     * A reply that is JSON-RPC but not the shape {@code method} promises: the channel is no longer
     * trusted, so the server is stopped, and the exception to throw is handed back.
     */
    MalformedReplyException brokenReply(String method, String what) {
        return failChannel(parser.malformed(method, what));
    }

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

    /** The reply line; what the watch did, or the pipe's end, as the exception the caller gets. */
    private byte[] awaitReply(String method, Deadline due, boolean includesStartUp) throws ProjectApiException {
        BoundedLineReader.Line line;
        IOException failure = null;
        try {
            line = replies.next();
        } catch (IOException e) {
            line = null;
            failure = e;
        }
        switch (watch.verdict()) {
            case DEADLINE -> throw timedOut(method, due, includesStartUp, "");
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

    private void send(String method, byte[] line, Deadline due, boolean includesStartUp) throws ProjectApiException {
        if (due.passed()) {
            throw timedOut(method, due, includesStartUp, "the deadline passed before the request could be sent");
        }
        try {
            OutputStream requests = process.requests();
            requests.write(line);
            requests.flush();
        } catch (IOException e) {
            switch (watch.verdict()) {
                case DEADLINE -> throw timedOut(method, due, includesStartUp, "it stopped reading requests");
                case INTERRUPTED -> {
                    abandon();
                    throw new ConnectionShutdownException("interrupted while sending '" + method + "'; "
                            + serverName + " was stopped", process.exitStatus(), process.stderrTail());
                }
                default -> throw connectionLost("could not send '" + method + "' to ", e);
            }
        }
    }

    private JsonNode interpret(String method, long id, byte[] bytes, boolean repeatable) throws ProjectApiException {
        String text = JsonLines.text(bytes);
        if (text == null) {
            throw failChannel(parser.malformed(method, "that is not valid UTF-8: "
                    + ReplyParser.quoted(new String(bytes, StandardCharsets.UTF_8))));
        }
        if (repeatable) {
            JsonNode kept = repeated.match(id, text);
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
            repeated.keep(id, text, result);
        }
        return result;
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
    private CallTimeoutException timedOut(String method, Deadline due, boolean includesStartUp, String note) {
        abandon();
        String message = due.missed()
                + (includesStartUp ? " of its launch (the first call's deadline includes start-up)" : "")
                + (note.isEmpty() ? "" : " (" + note + ")")
                + "; the server was stopped; " + process.stderrReport();
        return new CallTimeoutException(method, due.budget(), spec.directory(), message);
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
}
