package io.microtvm.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as a person reads them in a log line, a report or a page: times in the unit that fits with
 * three significant digits ({@code 412 ns}, {@code 1.16 ms}), emulated instruction counts
 * ({@code 22.7 M instructions}), sizes in binary units ({@code 6.1 KiB}) and sizes against a capacity
 * ({@code flash 170 KiB of 4 MiB (4.1 %)}). What was not measured (NaN, null) reads {@code not measured}.
 *
 * <p>Rounding is decimal half-up on the shortest decimal form of the double, so 999.5 µs reads
 * {@code 1.00 ms} (not {@code 1000 µs}): the unit is chosen after rounding.
 */
public final class Quantities {
    /** What a value that was not measured reads. */
    public static final String NOT_MEASURED = "not measured";

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
    private static final String[] TIME_UNITS = {"s", "ms", "µs", "ns"};
    private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final double INSTRUCTIONS_WITHOUT_PREFIX = 1e5;
    private static final String[] COUNT_PREFIXES = {"k", "M", "G", "T", "P", "E"};

    private Quantities() {
    }

    /**
     * Seconds in the unit that fits (s, ms, µs, ns) with three significant digits: {@code 412 ns},
     * {@code 1.16 ms}, {@code 2.30 s}; from 1000 s on whole seconds ({@code 4,321 s}); below 1 ns
     * still in ns ({@code 0.412 ns}). NaN reads {@code not measured}.
     */
    public static String seconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return NOT_MEASURED;
        }
        if (Double.isInfinite(seconds)) {
            return (seconds < 0 ? "-" : "") + "infinite s";
        }
        if (seconds == 0) {
            return "0 s";
        }
        String sign = seconds < 0 ? "-" : "";
        BigDecimal rounded = BigDecimal.valueOf(Math.abs(seconds)).round(THREE_DIGITS);
        if (rounded.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return sign + String.format(Locale.ROOT, "%,d s", BigDecimal.valueOf(Math.abs(seconds))
                    .setScale(0, RoundingMode.HALF_UP).toBigInteger());
        }
        int unit = 0;
        BigDecimal scaled = rounded;
        while (scaled.compareTo(BigDecimal.ONE) < 0 && unit < TIME_UNITS.length - 1) {
            scaled = scaled.movePointRight(3);
            unit++;
        }
        return sign + threeDigits(scaled) + " " + TIME_UNITS[unit];
    }

    /** As {@link #seconds(double)}; null reads {@code not measured}. */
    public static String seconds(Double seconds) {
        return seconds == null ? NOT_MEASURED : seconds(seconds.doubleValue());
    }

    /**
     * A count of emulated instructions: exact with digit grouping below 100,000
     * ({@code 36,920 instructions}), else three significant digits with a decimal prefix
     * ({@code 22.7 M instructions}, {@code 123 k instructions}). NaN reads {@code not measured}.
     */
    public static String instructions(double count) {
        if (Double.isNaN(count)) {
            return NOT_MEASURED;
        }
        if (Double.isInfinite(count)) {
            return (count < 0 ? "-" : "") + "infinite instructions";
        }
        String sign = count < 0 ? "-" : "";
        BigDecimal whole = BigDecimal.valueOf(Math.abs(count)).setScale(0, RoundingMode.HALF_UP);
        if (whole.compareTo(BigDecimal.valueOf(INSTRUCTIONS_WITHOUT_PREFIX)) < 0) {
            String noun = whole.compareTo(BigDecimal.ONE) == 0 ? " instruction" : " instructions";
            return sign + String.format(Locale.ROOT, "%,d", whole.toBigInteger()) + noun;
        }
        BigDecimal scaled = whole.round(THREE_DIGITS).movePointLeft(3);
        int prefix = 0;
        while (scaled.compareTo(BigDecimal.valueOf(1000)) >= 0 && prefix < COUNT_PREFIXES.length - 1) {
            scaled = scaled.movePointLeft(3);
            prefix++;
        }
        return sign + threeDigits(scaled) + " " + COUNT_PREFIXES[prefix] + " instructions";
    }

    /** As {@link #instructions(double)}; null reads {@code not measured}. */
    public static String instructions(Double count) {
        return count == null ? NOT_MEASURED : instructions(count.doubleValue());
    }

    /**
     * A size: below 1 KiB in bytes ({@code 512 bytes}); else in the binary unit that keeps it below
     * 1024, whole when exact or from 100 up ({@code 4 MiB}, {@code 170 KiB}), else with one decimal
     * ({@code 6.1 KiB}).
     */
    public static String bytes(long bytes) {
        BigDecimal value = BigDecimal.valueOf(bytes);
        return (bytes < 0 ? "-" : "") + bytes(value.abs()); // a negative size is a change, e.g. a smaller build
    }

    private static String bytes(BigDecimal bytes) {
        if (bytes.compareTo(BigDecimal.valueOf(1024)) < 0) {
            return bytes.compareTo(BigDecimal.ONE) == 0 ? "1 byte" : bytes.toPlainString() + " bytes";
        }
        BigDecimal unitSize = BigDecimal.ONE;
        int unit = -1;
        BigDecimal shown;
        do {
            unit++;
            unitSize = unitSize.multiply(BigDecimal.valueOf(1024));
            BigDecimal exact = bytes.divide(unitSize); // a power of two: the quotient's decimals end
            shown = exact.stripTrailingZeros().scale() <= 0 ? exact.setScale(0, RoundingMode.UNNECESSARY)
                    : exact.compareTo(BigDecimal.valueOf(99.95)) >= 0 ? exact.setScale(0, RoundingMode.HALF_UP)
                    : exact.setScale(1, RoundingMode.HALF_UP);
        } while (shown.compareTo(BigDecimal.valueOf(1024)) >= 0 && unit < BYTE_UNITS.length - 1);
        return shown.toPlainString() + " " + BYTE_UNITS[unit];
    }

    /** As {@link #bytes(long)}; null reads {@code not measured}. */
    public static String bytes(Long bytes) {
        return bytes == null ? NOT_MEASURED : bytes(bytes.longValue());
    }

    /**
     * A part of a whole as a percentage with one decimal, {@code 4.1 %}; a part that is not zero but
     * rounds to 0.0 reads {@code <0.1 %}, so a used resource never looks unused.
     */
    public static String percent(double part, double whole) {
        if (Double.isNaN(part) || Double.isNaN(whole) || whole == 0) {
            return NOT_MEASURED;
        }
        BigDecimal p = BigDecimal.valueOf(100 * part / whole).setScale(1, RoundingMode.HALF_UP);
        if (p.signum() == 0 && part != 0) {
            return part > 0 ? "<0.1 %" : ">-0.1 %";
        }
        return p.toPlainString() + " %";
    }

    /**
     * A labelled size against its capacity, {@code flash 170 KiB of 4 MiB (4.1 %)}; without a capacity
     * (null, or not positive) only {@code flash 170 KiB}.
     */
    public static String bytesOf(String label, long bytes, Long capacity) {
        String used = label + " " + bytes(bytes);
        if (capacity == null || capacity <= 0) {
            return used;
        }
        return used + " of " + bytes(capacity.longValue()) + " (" + percent(bytes, capacity) + ")";
    }

    /** {@code value} (at most 3 significant digits, from 1 to below 1000, or below 1 in the last unit) with 3 digits. */
    private static String threeDigits(BigDecimal value) {
        int integerDigits = value.precision() - value.scale();
        return value.setScale(Math.max(0, 3 - integerDigits), RoundingMode.HALF_UP).toPlainString();
    }
}
