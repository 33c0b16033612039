package io.microtvm.compile;

import io.microtvm.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inputShapes} parameter: fixed shapes for model inputs with free dimensions, in tvmc's
 * {@code --input-shapes} syntax, {@code name:[1,49,10,1] other:[1,8]} (a negative dimension stays
 * free). Checked here with tvmc's own pattern (python/tvm/driver/tvmc/shape_parser.py), but
 * stricter: tvmc silently skips text that does not match, which here is an error.
 */
public final class InputShapes {

    // one "name:[d1,d2,...]" as tvmc's shape_parser finds it
    private static final Pattern MAPPING =
            Pattern.compile("(?:\\w+/)?[:\\w.]+:\\s*\\[\\s*-?\\d+(?:\\s*,\\s*-?\\d+)*\\s*\\]", Pattern.UNICODE_CHARACTER_CLASS);

    private InputShapes() {
    }

    /**
     * The shapes in canonical form (spaces removed inside each mapping, one space between
     * mappings), or null when none are given.
     */
    public static String parse(String given) throws CompileException {
        if (given == null || given.isBlank()) {
            return null;
        }
        List<String> mappings = new ArrayList<>();
        Matcher m = MAPPING.matcher(given);
        int end = 0;
        while (m.find()) {
            String between = given.substring(end, m.start());
            if (!between.isBlank() && !between.strip().equals(",")) {
                throw invalid(given, between.strip());
            }
            mappings.add(m.group().replaceAll("\\s", ""));
            end = m.end();
        }
        if (mappings.isEmpty() || !given.substring(end).isBlank()) {
            throw invalid(given, given.substring(end).strip());
        }
        return String.join(" ", mappings);
    }

    private static CompileException invalid(String given, String part) {
        return new CompileException("The input shapes are '" + given + "'"
                + (part.isEmpty() ? "" : ", and '" + part + "' is not a shape")
                + ": expected NAME:[DIM,DIM,...] mappings separated by spaces, e.g. input_1:[1,49,10,1] (tvmc's"
                + " --input-shapes syntax; a negative dimension stays free).", null, Setting.INPUT_SHAPES);
    }
}
