package io.microtvm.rpc.session;

import io.microtvm.BuildLog;
import io.microtvm.Deadline;
import io.microtvm.rpc.framing.Framer;
import io.microtvm.rpc.framing.FramingError;
import io.microtvm.rpc.framing.ReceivedFrame;
import io.microtvm.rpc.framing.Unframer;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.DeviceGoneException;
import io.microtvm.transport.DeviceTimeoutException;
import io.microtvm.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The session layer of microTVM RPC, host side (docs/microtvm-rpc.md, "Sessions"): a 3-byte header
 * on every framed payload (initiator nonce, responder nonce, message type), the Terminate +
 * StartSessionInit handshake with the retry/start timeouts of {@code open_transport}, Normal
 * messages carrying one RPC packet each, device Log messages forwarded to the build log, and a
 * device Terminate after the handshake reported as a reset. One request in flight; not thread-safe.
 * Does not own the transport.
 */
public final class MicroSession {
    static final int START_SESSION_INIT = 0x00;
    static final int START_SESSION_REPLY = 0x01;
    static final int TERMINATE_SESSION = 0x02;
    static final int LOG = 0x03;
    static final int NORMAL = 0x10;
    static final int PROTOCOL_VERSION = 0x01;
    private static final int READ_CHUNK_BYTES = 16 * 1024;
    private static final long LAST_ATTEMPT_FLOOR_NANOS = 100_000_000L;

    private final Transport transport;
    private final SessionTimeouts timeouts;
    private final BuildLog log;
    private final Framer framer = new Framer();
    private final Unframer unframer = new Unframer();
    private int initiatorNonce;
    private int responderNonce;
    private boolean established;

    private MicroSession(Transport transport, SessionTimeouts timeouts, BuildLog log) {
        this.transport = transport;
        this.timeouts = timeouts;
        this.log = log;
    }

    /**
     * Establishes a session: Terminate + StartSessionInit, resent every {@code startRetry} (with
     * a fresh nonce each time) until the matching StartSessionReply arrives or {@code start} has
     * passed (docs/microtvm-rpc.md, "Handshake timeouts").
     *
     * @param seeds where nonce seeds come from; any value, 0 is mapped away
     */
    public static MicroSession open(Transport transport, SessionTimeouts timeouts, BuildLog log, IntSupplier seeds)
            throws DeviceException {
        MicroSession session = new MicroSession(transport, timeouts, log);
        session.handshake(seeds);
        return session;
    }

    /** The next nonce after {@code n} (docs/microtvm-rpc.md, "Nonces"): not a rotation; never 0. */
    public static int regenerateNonce(int n) {
        int next = (((n << 5) | (n >> 5)) + 1) & 0xFF;
        return next == 0 ? 1 : next;
    }

    /** The established session id: initiator nonce in the low byte, responder nonce in the high byte. */
    public int sessionId() {
        return initiatorNonce | (responderNonce << 8);
    }

    /** Sends one RPC packet (with its u64 length prefix) as a Normal message. */
    public void send(byte[] rpcPacket) throws DeviceException {
        if (!established) {
            throw new IllegalStateException("no session established");
        }
        byte[] payload = new byte[3 + rpcPacket.length];
        payload[0] = (byte) initiatorNonce;
        payload[1] = (byte) responderNonce;
        payload[2] = (byte) NORMAL;
        System.arraycopy(rpcPacket, 0, payload, 3, rpcPacket.length);
        write(payload, timeouts.established(), "an RPC request");
    }

    /**
     * The body of the next Normal message (one RPC packet with its u64 length prefix), waiting at
     * most the shorter of {@code timeout} and the established-session timeout; device logs that
     * arrive meanwhile go to the build log and do not extend the wait.
     */
    public byte[] receive(Duration timeout, String waitingFor) throws DeviceException {
        Duration limit = timeout.compareTo(timeouts.established()) < 0 ? timeout : timeouts.established();
        Deadline end = Deadline.after(limit);
        while (true) {
            for (Optional<ReceivedFrame> f = unframer.next(); f.isPresent(); f = unframer.next()) {
                Optional<byte[]> body = established(f.get(), waitingFor);
                if (body.isPresent()) {
                    return body.get();
                }
            }
            checkStream(waitingFor);
            long left = end.remainingNanos();
            if (left <= 0 || !readInto(Duration.ofNanos(left), waitingFor)) {
                String why = limit.equals(timeout) ? "" : " (the session's established timeout, from the"
                        + " template's open_transport session_established_timeout_sec, is shorter than this call's)";
                throw new DeviceTimeoutException("No reply from " + transport.describe() + " to " + waitingFor
                        + " within " + limit.toMillis() + " ms" + why + noiseNote(), null);
            }
        }
    }

    private Optional<byte[]> established(ReceivedFrame frame, String waitingFor) throws DeviceException {
        byte[] p = frame.payload();
        if (!frame.crcOk()) {
            throw new StreamDamagedException("A frame from " + transport.describe() + " failed its CRC while waiting"
                    + " for the reply to " + waitingFor + ": bytes were corrupted or lost on the way, and microTVM"
                    + " RPC has no retransmission. Check the link (baud rate, cable, noise).");
        }
        if (p.length < 3) {
            return Optional.empty();
        }
        int id = (p[0] & 0xFF) | ((p[1] & 0xFF) << 8);
        int type = p[2] & 0xFF;
        if (type == LOG && (id == 0 || id == sessionId())) {
            forwardLog(p);
        } else if (type == TERMINATE_SESSION) {
            established = false;
            throw new DeviceResetException("The device behind " + transport.describe() + " terminated the session"
                    + " while the host waited for the reply to " + waitingFor + ": it restarted (reset, watchdog,"
                    + " crash or power loss), so its state is gone.");
        } else if (type == NORMAL && id == sessionId()) {
            byte[] body = new byte[p.length - 3];
            System.arraycopy(p, 3, body, 0, body.length);
            return Optional.of(body);
        } else {
            log.debug("Ignoring a session message of type " + type + " with id " + Integer.toHexString(id)
                    + " from " + transport.describe());
        }
        return Optional.empty();
    }

    private void checkStream(String waitingFor) throws StreamDamagedException {
        List<FramingError> errors = unframer.takeErrors();
        if (!errors.isEmpty()) {
            throw new StreamDamagedException("The byte stream from " + transport.describe() + " broke off a frame ("
                    + errors + ") while waiting for the reply to " + waitingFor + ": bytes were lost or corrupted,"
                    + " and microTVM RPC has no retransmission. Check the link (baud rate, cable, noise).");
        }
    }

    private void handshake(IntSupplier seeds) throws DeviceException {
        Deadline session = Deadline.after(timeouts.start());
        boolean retried = timeouts.startRetry().toNanos() > 0;
        int attempts = 0;
        while (true) {
            attempts++;
            initiatorNonce = regenerateNonce(seeds.getAsInt() & 0xFF);
            Deadline attempt = retried ? session.atMost(timeouts.startRetry()) : session;
            Duration writeLimit = Duration.ofNanos(Math.max(1, session.remainingNanos()));
            write(new byte[] {0, 0, TERMINATE_SESSION}, writeLimit, "TerminateSession");
            write(new byte[] {(byte) initiatorNonce, 0, START_SESSION_INIT, PROTOCOL_VERSION}, writeLimit,
                    "StartSessionInit");
            if (awaitReply(attempt)) {
                established = true;
                unframer.takeErrors(); // garbage before the session is no damage to it
                log.debug("microTVM RPC session " + Integer.toHexString(sessionId()) + " established with "
                        + transport.describe() + " after " + attempts + " attempt(s)");
                return;
            }
            // no new attempt in the last moments: its writes would time out and hide the real cause
            if (session.remainingNanos() <= LAST_ATTEMPT_FLOOR_NANOS) {
                throw new DeviceTimeoutException("No microTVM RPC session with " + transport.describe() + ": no"
                        + " StartSessionReply within " + timeouts.start().toMillis() + " ms (" + attempts
                        + " attempt(s))" + noiseNote() + ". Is the device running a host-driven firmware"
                        + " (TVM's CRT RPC server)?", null);
            }
        }
    }

    /** Reads until the StartSessionReply to our nonce arrives (true) or {@code attempt} passes (false). */
    private boolean awaitReply(Deadline attempt) throws DeviceException {
        while (true) {
            for (Optional<ReceivedFrame> f = unframer.next(); f.isPresent(); f = unframer.next()) {
                byte[] p = f.get().payload();
                if (!f.get().crcOk() || p.length < 3) {
                    continue; // noise that looked like a frame
                }
                int type = p[2] & 0xFF;
                if (type == LOG) {
                    forwardLog(p);
                } else if (type == START_SESSION_REPLY && p.length >= 4 && (p[0] & 0xFF) == initiatorNonce
                        && p[1] != 0 && p[3] == PROTOCOL_VERSION) {
                    responderNonce = p[1] & 0xFF;
                    return true;
                }
                // a boot Terminate, or a reply to an earlier attempt: not ours
            }
            long left = attempt.remainingNanos();
            if (left <= 0 || !readInto(Duration.ofNanos(left), "the StartSessionReply")) {
                return false;
            }
        }
    }

    /** Feeds what arrives within {@code timeout} to the unframer; false when nothing came. */
    private boolean readInto(Duration timeout, String waitingFor) throws DeviceException {
        try {
            unframer.feed(transport.read(READ_CHUNK_BYTES, timeout));
            return true;
        } catch (DeviceTimeoutException e) {
            return false;
        } catch (DeviceGoneException e) {
            throw new DeviceGoneException("The device went away while waiting for " + waitingFor + ": "
                    + e.getMessage() + " (the program exited, or the board was reset or unplugged)", e);
        } catch (DeviceException e) {
            throw new DeviceException("Waiting for " + waitingFor + " failed: " + e.getMessage(), e);
        }
    }

    private void write(byte[] payload, Duration timeout, String what) throws DeviceException {
        try {
            transport.write(framer.frame(payload), timeout);
        } catch (DeviceTimeoutException e) {
            throw new DeviceTimeoutException("Could not send " + what + " to " + transport.describe() + " within "
                    + timeout.toMillis() + " ms: the device does not read", null);
        } catch (DeviceGoneException e) {
            throw new DeviceGoneException("The device went away while sending " + what + ": " + e.getMessage(), e);
        } catch (DeviceException e) {
            throw new DeviceException("Sending " + what + " failed: " + e.getMessage(), e);
        }
    }

    private void forwardLog(byte[] payload) {
        log.info("[device] " + new String(payload, 3, payload.length - 3, StandardCharsets.UTF_8).stripTrailing());
    }

    private String noiseNote() {
        long noise = unframer.noiseBytes();
        if (noise == 0) {
            return "";
        }
        StringBuilder sample = new StringBuilder();
        for (byte b : unframer.noiseSample()) {
            int c = b & 0xFF;
            sample.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? String.valueOf((char) c)
                    : String.format("\\x%02x", c));
        }
        return "; " + noise + " bytes arrived that were not microTVM RPC frames, the first ones: \"" + sample + "\"";
    }
}
