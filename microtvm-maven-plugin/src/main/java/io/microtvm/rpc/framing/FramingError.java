package io.microtvm.rpc.framing;

/**
 * Why the unframer abandoned a frame it had started to receive (docs/microtvm-rpc.md, "Receiving
 * frames").
 */
public enum FramingError {
    /** FF FD inside a frame: a new frame started before this one was complete (bytes were lost). */
    SHORT_PACKET,
    /** FF followed by a byte that is neither FF, FE nor FD: the stream is damaged. */
    INVALID_ESCAPE,
    /** A length beyond what this host accepts: most likely a damaged length field. */
    OVERSIZE
}
