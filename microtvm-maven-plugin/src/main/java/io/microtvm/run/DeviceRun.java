package io.microtvm.run;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a device says about one run of the model.
 *
 * @param seconds      the time the device measured around the model's run function; empty when it has no timer
 * @param outputDigest the device's digest of the outputs this run left ({@link OutputDigest}: CRC-32 of
 *                     every output's bytes, outputs concatenated in model order); empty when the
 *                     device reports none (host-driven RPC, a standalone firmware of protocol 1.0)
 */
public record DeviceRun(OptionalDouble seconds, OptionalLong outputDigest) {

    public DeviceRun {
        seconds = seconds == null ? OptionalDouble.empty() : seconds;
        outputDigest = outputDigest == null ? OptionalLong.empty() : outputDigest;
    }

    /** A run the device reports no digest for. */
    public static DeviceRun withoutDigest(OptionalDouble seconds) {
        return new DeviceRun(seconds, OptionalLong.empty());
    }
}
