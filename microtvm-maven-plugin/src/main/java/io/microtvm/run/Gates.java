package io.microtvm.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.SettingNames;
import io.microtvm.report.DeviceTimeUnit;
import io.microtvm.report.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency and regression gates of a completed run: {@code maxDeviceTime} against the median
 * device time, and {@code baselineReport} with {@code maxRegressionPercent} against the median device
 * time and the flash and RAM footprint of an earlier run. A gate that cannot be evaluated as
 * configured (a limit in instructions for a timer that counts seconds, no device time at all) is a
 * configuration error, not a pass.
 */
public final class Gates {
    public static final String MAX_DEVICE_TIME = "maxDeviceTime";
    public static final String REGRESSION_DEVICE_TIME = "regression.deviceTime";
    public static final String REGRESSION_FLASH = "regression.flash";
    public static final String REGRESSION_RAM = "regression.ram";

    private Gates() {
    }

    /** The median device time against {@code limit}; the message names the setting as {@code names} say. */
    public static GateResult maxDeviceTime(DeviceTimeLimit limit, RunResult result, SettingNames names)
            throws MicroTvmException {
        DeviceTimeUnit counts = result.deviceCounts();
        if (limit.counts() != counts) {
            throw MicroTvmException.badSetting(Setting.MAX_DEVICE_TIME, "The device time limit is '" + limit.given()
                    + "', in "
                    + limit.counts().jsonName() + ", but the device timer (" + result.timerName() + ") counts "
                    + counts.jsonName() + ": give the limit as " + (counts == DeviceTimeUnit.INSTRUCTIONS
                    ? "a count of emulated instructions, e.g. 20000000instructions"
                    : "a duration, e.g. 5ms, 800us, 2s or 412ns") + ".");
        }
        double median = measured(result);
        if (Double.isNaN(median)) {
            throw MicroTvmException.badSetting(Setting.MAX_DEVICE_TIME,
                    "A device time limit is set, but the device measured"
                    + " no time (timer: " + result.timerName() + "), so the limit cannot be checked.");
        }
        boolean passed = median <= limit.value();
        String unit = counts.jsonName();
        String message = String.format(Locale.ROOT, "%s: median device time %s over %d run(s) %s the limit %s (%s)",
                MAX_DEVICE_TIME, quantity(median, unit), result.runs().size(), passed ? "is within" : "exceeds",
                quantity(limit.value(), unit), names.where(Setting.MAX_DEVICE_TIME));
        return new GateResult(MAX_DEVICE_TIME, passed, median, limit.value(), Double.NaN, unit, message);
    }

    /**
     * The median device time and the flash and RAM footprint against the baseline's; each may grow by at
     * most {@code maxPercent}. A number missing on either side is not compared (a passed gate saying
     * so); nothing comparable at all is an error, as is a device time counted in other units.
     */
    public static List<GateResult> regression(BaselineReport baseline, double maxPercent, RunResult result,
                                              ObjectNode footprint, SettingNames names) throws MicroTvmException {
        if (!(maxPercent >= 0) || Double.isInfinite(maxPercent)) {
            throw MicroTvmException.badSetting(Setting.MAX_REGRESSION_PERCENT,
                    "The regression limit in percent must be 0 or"
                    + " more; got " + maxPercent + ".");
        }
        List<GateResult> gates = new ArrayList<>();
        double median = measured(result);
        DeviceTimeUnit counts = result.deviceCounts();
        if (!Double.isNaN(median) && !Double.isNaN(baseline.deviceMedian()) && baseline.deviceCounts() != counts) {
            throw MicroTvmException.badSetting(Setting.BASELINE_REPORT, "The baseline report " + baseline.file()
                    + " counts its device time in " + baseline.deviceCounts().jsonName() + ", this run's timer ("
                    + result.timerName() + ") in " + counts.jsonName() + ": they cannot be compared. Use a baseline"
                    + " of a run on the same kind of timer (with or without QEMU -icount).");
        }
        String setting = names.where(Setting.MAX_REGRESSION_PERCENT);
        gates.add(compare(REGRESSION_DEVICE_TIME, "median device time", baseline.deviceMedian(), median,
                counts.jsonName(), maxPercent, setting));
        gates.add(compare(REGRESSION_FLASH, "flash footprint", baseline.flashBytes(), bytes(footprint, "flash_bytes"),
                "bytes", maxPercent, setting));
        gates.add(compare(REGRESSION_RAM, "RAM footprint", baseline.ramBytes(), bytes(footprint, "ram_bytes"),
                "bytes", maxPercent, setting));
        if (gates.stream().allMatch(g -> Double.isNaN(g.measured()) || Double.isNaN(g.baseline()))) {
            throw MicroTvmException.badSetting(Setting.BASELINE_REPORT, "The baseline report " + baseline.file()
                    + " and this run have nothing in common to compare: " + gates.stream().map(GateResult::message)
                    .map(m -> m.substring(m.indexOf(':') + 2)).reduce((a, b) -> a + "; " + b).orElse("") + ".");
        }
        return gates;
    }

    private static GateResult compare(String name, String what, double old, double now, String unit,
                                      double maxPercent, String setting) {
        if (Double.isNaN(old) || Double.isNaN(now)) {
            String missing = Double.isNaN(old) && Double.isNaN(now) ? "neither the baseline nor this run has"
                    : Double.isNaN(old) ? "the baseline has no" : "this run has no";
            return new GateResult(name, true, now, Double.NaN, old, unit, name + ": not compared, " + missing + " "
                    + what);
        }
        double limit = old * (1 + maxPercent / 100);
        boolean passed = now <= limit;
        String change = old == 0 ? (now == 0 ? "+0 %" : "grew from 0")
                : String.format(Locale.ROOT, "%+.1f %%", (now - old) / old * 100);
        String message = String.format(Locale.ROOT, "%s: %s %s against %s in the baseline (%s, limit +%s %%, %s)%s",
                name, what, quantity(now, unit), quantity(old, unit), change, OutputComparison.compact(maxPercent),
                setting, passed ? "" : ": grew too much");
        return new GateResult(name, passed, now, limit, old, unit, message);
    }

    /** The median device time in the unit its timer counts: seconds, or instructions under icount. */
    static double measured(RunResult result) {
        double median = result.deviceStatistics().median();
        return result.deviceCounts().count(median);
    }

    private static double bytes(JsonNode footprint, String field) {
        JsonNode n = footprint == null ? null : footprint.get(field);
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** A number with its unit for a person: {@code 1.16 ms}, {@code 22.7 M instructions}, {@code 6.1 KiB}. */
    static String quantity(double value, String unit) {
        return switch (unit) {
            case "seconds" -> Quantities.seconds(value);
            case "instructions" -> Quantities.instructions(value);
            default -> Quantities.bytes(Math.round(value));
        };
    }
}
