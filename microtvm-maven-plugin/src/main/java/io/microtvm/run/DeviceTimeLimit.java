package io.microtvm.run;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.report.DeviceTimeUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code maxDeviceTime} limit: a duration ({@code 5ms}, {@code 800us}, {@code 2s}, {@code 412ns})
 * for a device timer that counts time, or a count of emulated instructions ({@code 20000000instructions})
 * for one that counts instructions (QEMU {@code -icount}).
 *
 * @param value  the limit in {@code counts}: seconds or instructions
 * @param counts what the limit is in
 * @param given  the text as the user wrote it
 */
public record DeviceTimeLimit(double value, DeviceTimeUnit counts, String given) {
    private static final Pattern FORMAT = Pattern.compile(
            "(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d+))?\\s*([a-zA-Zµ]+)");

    /** Parses a limit; the message of a bad one names the property and shows the forms it takes. */
    public static DeviceTimeLimit parse(String text) throws MicroTvmException {
        String t = text == null ? "" : text.strip().replace("_", "").replace(",", "");
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw bad(text, "a number followed by a unit");
        }
        double number = Double.parseDouble(m.group(1) + (m.group(2) == null ? "" : "e" + m.group(2)));
        String unit = m.group(3).toLowerCase(Locale.ROOT);
        double scale;
        DeviceTimeUnit counts = DeviceTimeUnit.SECONDS;
        switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> scale = 1;
            case "ms" -> scale = 1e-3;
            case "us", "µs" -> scale = 1e-6;
            case "ns" -> scale = 1e-9;
            case "instructions", "instruction", "instr", "insn", "insns" -> {
                scale = 1;
                counts = DeviceTimeUnit.INSTRUCTIONS;
            }
            default -> throw bad(text, "a known unit, not '" + m.group(3) + "'");
        }
        if (!(number > 0) || Double.isInfinite(number)) {
            throw bad(text, "a limit above zero");
        }
        return new DeviceTimeLimit(number * scale, counts, text.strip());
    }

    private static MicroTvmException bad(String given, String expected) {
        return MicroTvmException.badSetting(Setting.MAX_DEVICE_TIME, "The device time limit must be " + expected
                + ": a duration such as 5ms, 800us, 2s or 412ns, or under QEMU -icount a count such as"
                + " 20000000instructions; got '" + given + "'.");
    }
}
