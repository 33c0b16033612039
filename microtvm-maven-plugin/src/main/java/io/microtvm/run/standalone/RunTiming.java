package io.microtvm.run.standalone;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What the RUN reply says about one inference: how long it took, measured by the device around the
 * model's run function only (no transfer or protocol time), and, from protocol 1.1 on, a digest of
 * the outputs that run left.
 *
 * @param ticks          elapsed device ticks
 * @param ticksPerSecond the device timer's rate, from its HELLO reply
 * @param outputDigest   CRC-32 (the frames' CRC) of every output's bytes, outputs concatenated in
 *                       model order, computed by the device after the timed call; empty from a 1.0
 *                       device, whose RUN reply has no digest
 */
public record RunTiming(long ticks, long ticksPerSecond, OptionalLong outputDigest) {

    public RunTiming {
        if (ticks < 0 || ticksPerSecond <= 0) {
            throw new IllegalArgumentException("ticks must be >= 0 and ticksPerSecond > 0: " + ticks + ", "
                    + ticksPerSecond);
        }
        outputDigest = outputDigest == null ? OptionalLong.empty() : outputDigest;
        if (outputDigest.isPresent() && (outputDigest.getAsLong() < 0 || outputDigest.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("an output digest is a u32: " + outputDigest.getAsLong());
        }
    }

    /** A timing without an output digest, as a 1.0 device reports it. */
    public RunTiming(long ticks, long ticksPerSecond) {
        this(ticks, ticksPerSecond, OptionalLong.empty());
    }

    public double seconds() {
        return (double) ticks / ticksPerSecond;
    }

    /** The elapsed time, rounded to whole nanoseconds. */
    public Duration duration() {
        return Duration.ofNanos(Math.round(seconds() * 1e9));
    }
}
