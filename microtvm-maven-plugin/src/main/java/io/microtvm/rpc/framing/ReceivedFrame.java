package io.microtvm.rpc.framing;

/**
 * One frame as the unframer saw it.
 *
 * @param payload the unescaped payload (the session message)
 * @param crcOk   whether the CRC matched; a frame with a bad CRC was damaged on the way
 */
public record ReceivedFrame(byte[] payload, boolean crcOk) {
}
