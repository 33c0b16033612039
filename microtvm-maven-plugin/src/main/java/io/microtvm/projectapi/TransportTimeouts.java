package io.microtvm.projectapi;

/**
 * The reply to {@code open_transport} (docs/project-api.md, "open_transport"): how long TVM's
 * session layer should wait for the device, in seconds.
 *
 * @param sessionStartRetryTimeoutSec wait for the reply to the session-start message before resending it; 0 = no retry
 * @param sessionStartTimeoutSec      total time allowed for establishing the session
 * @param sessionEstablishedTimeoutSec per-reply timeout once the session is up; 0 = none
 */
public record TransportTimeouts(
        double sessionStartRetryTimeoutSec,
        double sessionStartTimeoutSec,
        double sessionEstablishedTimeoutSec) {
}
