package io.microtvm.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.report.DeviceTimeUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the regression gate compares with: the JSON report of an earlier run ({@code baselineReport}),
 * e.g. one kept from the last release. Only the numbers the gate needs are read; a number the
 * report does not hold is NaN (a report of a run without a device timer, or of a template that
 * writes no footprint).
 *
 * @param file          where it was read from
 * @param deviceMedian  median device time, in {@code deviceCounts}
 * @param deviceCounts  what the baseline's device timer counted
 * @param flashBytes    flash footprint
 * @param ramBytes      RAM footprint
 */
public record BaselineReport(Path file, double deviceMedian, DeviceTimeUnit deviceCounts, double flashBytes,
                             double ramBytes) {
    private static final String PARAMETER = "baseline report";

    public static BaselineReport read(Path file) throws MicroTvmException {
        if (!Files.isRegularFile(file)) {
            throw MicroTvmException.badSetting(Setting.BASELINE_REPORT, "The " + PARAMETER + " file "
                    + file.toAbsolutePath() + " does not exist.");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw MicroTvmException.badSetting(Setting.BASELINE_REPORT, "Cannot read the " + PARAMETER + " file "
                    + file.toAbsolutePath()
                    + " as JSON: " + e.getMessage(), e);
        }
        JsonNode timing = json == null ? null : json.get("timing");
        JsonNode footprint = json == null ? null : json.get("footprint");
        if (timing == null && footprint == null) {
            throw MicroTvmException.badSetting(Setting.BASELINE_REPORT, "The " + PARAMETER + " file "
                    + file.toAbsolutePath() + " is not a JSON run"
                    + " report (no timing, no footprint): give a microtvm-*.json from target/microtvm-reports.");
        }
        double median = Double.NaN;
        DeviceTimeUnit counts = DeviceTimeUnit.SECONDS;
        if (timing != null) {
            JsonNode m = timing.path("deviceSeconds").path("median");
            median = m.isNumber() ? m.asDouble() : Double.NaN;
            String declared = timing.path("deviceCounts").asText(null);
            // reports written before deviceCounts existed say it in the timer's name
            if (declared == null) {
                counts = DeviceTimeUnit.ofTimer(timing.path("deviceTimer").asText(null));
            } else if (declared.equals("seconds") || declared.equals("instructions")) {
                counts = DeviceTimeUnit.valueOf(declared.toUpperCase(java.util.Locale.ROOT));
            } else {
                throw MicroTvmException.badSetting(Setting.BASELINE_REPORT, "The " + PARAMETER + " file "
                        + file.toAbsolutePath() + " says its device"
                        + " time counts '" + declared + "'; expected seconds or instructions.");
            }
            if (!Double.isNaN(median)) {
                median = counts.count(median);
            }
        }
        return new BaselineReport(file, median, counts, number(footprint, "flash_bytes"),
                number(footprint, "ram_bytes"));
    }

    private static double number(JsonNode object, String field) {
        JsonNode n = object == null ? null : object.get(field);
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
