package io.microtvm.run.standalone;

import java.time.Duration;

/**
 * How long one inference took, measured by the device around the model's run function only
 * (no transfer or protocol time).
 *
 * @param ticks          elapsed device ticks
 * @param ticksPerSecond the device timer's rate, from its HELLO reply
 */
public record RunTiming(long ticks, long ticksPerSecond) {

    public RunTiming {
        if (ticks < 0 || ticksPerSecond <= 0) {
            throw new IllegalArgumentException("ticks must be >= 0 and ticksPerSecond > 0: " + ticks + ", "
                    + ticksPerSecond);
        }
    }

    public double seconds() {
        return (double) ticks / ticksPerSecond;
    }

    /** The elapsed time, rounded to whole nanoseconds. */
    public Duration duration() {
        return Duration.ofNanos(Math.round(seconds() * 1e9));
    }
}
