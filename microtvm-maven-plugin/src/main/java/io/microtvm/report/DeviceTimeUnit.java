package io.microtvm.report;

import java.util.Locale;

/**
 * What a device's timer counts, and so how its "seconds" read: real (or host-following) seconds, or,
 * under QEMU {@code -icount shift=0}, emulated instructions at one per virtual nanosecond, where a
 * time would pretend to a silicon speed the emulation does not have.
 */
public enum DeviceTimeUnit {
    SECONDS("seconds"),
    INSTRUCTIONS("instructions");

    /** Under {@code -icount shift=0} QEMU advances virtual time by 1 ns per emulated instruction. */
    private static final double INSTRUCTIONS_PER_VIRTUAL_SECOND = 1e9;

    private final String jsonName;

    DeviceTimeUnit(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The report's {@code timing.deviceCounts} value: {@code instructions} or {@code seconds}. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The unit a device timer's description implies: the qemu-arm template names an icount timer
     * "... counts emulated instructions ...", in its HELLO reply and in its host-driven timer note.
     * A null description (no timer) counts seconds.
     */
    public static DeviceTimeUnit ofTimer(String timerDescription) {
        return timerDescription != null && timerDescription.toLowerCase(Locale.ROOT).contains("emulated instructions")
                ? INSTRUCTIONS : SECONDS;
    }

    /** The unit a report's {@code timing.deviceCounts} names; anything but {@code instructions} (or null) is seconds. */
    public static DeviceTimeUnit ofJson(String deviceCounts) {
        return INSTRUCTIONS.jsonName.equals(deviceCounts) ? INSTRUCTIONS : SECONDS;
    }

    /** The device timer's reading in seconds, converted to this unit's count (seconds stay seconds). */
    public double count(double deviceSeconds) {
        return this == INSTRUCTIONS ? deviceSeconds * INSTRUCTIONS_PER_VIRTUAL_SECOND : deviceSeconds;
    }

    /** The device timer's reading in seconds, readable: {@code 1.16 ms} or {@code 22.7 M instructions}. */
    public String format(double deviceSeconds) {
        return this == INSTRUCTIONS ? Quantities.instructions(count(deviceSeconds)) : Quantities.seconds(deviceSeconds);
    }

    /** As {@link #format(double)}; null reads {@code not measured}. */
    public String format(Double deviceSeconds) {
        return deviceSeconds == null ? Quantities.NOT_MEASURED : format(deviceSeconds.doubleValue());
    }
}
