package io.microtvm.rpc.session;

import io.microtvm.projectapi.TransportTimeouts;
import java.time.Duration;

/**
 * How long the host waits (docs/microtvm-rpc.md, "Handshake timeouts"), from the template's
 * {@code open_transport} reply, with the zeros ("wait forever") replaced by the plugin's own
 * limits, because the plugin never waits without a deadline.
 *
 * @param startRetry  resend Terminate + StartSessionInit after this long without a reply; zero: never
 * @param start       give up the handshake after this long
 * @param established the longest wait for each reply once the session is up
 */
public record SessionTimeouts(Duration startRetry, Duration start, Duration established) {

    public SessionTimeouts {
        if (startRetry.isNegative() || start.isNegative() || start.isZero() || established.isNegative()
                || established.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive (retry may be 0): " + startRetry
                    + ", " + start + ", " + established);
        }
    }

    /**
     * @param fallbackStart       the handshake limit when the template says 0 (wait forever)
     * @param fallbackEstablished the per-reply limit when the template says 0
     */
    public static SessionTimeouts from(TransportTimeouts t, Duration fallbackStart, Duration fallbackEstablished) {
        return new SessionTimeouts(seconds(t.sessionStartRetryTimeoutSec()),
                positiveOr(seconds(t.sessionStartTimeoutSec()), fallbackStart),
                positiveOr(seconds(t.sessionEstablishedTimeoutSec()), fallbackEstablished));
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(Math.max(0, s) * 1e9));
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d.isZero() ? fallback : d;
    }
}
