package io.microtvm.compile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the TVM the compile runs with ({@code tvm.__version__}: "0.18.0", "0.19.dev0",
 * "0.16.0+g1234abc"), as far as the plugin cares: whether it was tested against it, and how its
 * tvmc reads a bool executor or runtime option.
 *
 * @param text  the version as TVM reports it
 * @param major its major number, or -1 when the text is not understood
 * @param minor its minor number, or -1 when the text is not understood
 */
public record TvmVersion(String text, int major, int minor) {

    /** The oldest and newest TVM the plugin's compile settings are meant for. */
    public static final TvmVersion OLDEST_SUPPORTED = new TvmVersion("0.13", 0, 13);
    public static final TvmVersion NEWEST_SUPPORTED = new TvmVersion("0.18", 0, 18);

    private static final Pattern LEADING = Pattern.compile("^\\s*v?(\\d+)\\.(\\d+)");

    public static TvmVersion parse(String text) {
        Matcher m = LEADING.matcher(text == null ? "" : text);
        if (!m.find()) {
            return new TvmVersion(text, -1, -1);
        }
        return new TvmVersion(text.strip(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isKnown() {
        return major >= 0;
    }

    private int compareMinor(TvmVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    /** A warning when this is not a version the settings were made for; empty for 0.13 to 0.18. */
    public Optional<String> supportWarning() {
        if (!isKnown()) {
            return Optional.of("cannot read the TVM version '" + text + "'; the compile settings are meant for TVM "
                    + OLDEST_SUPPORTED.text + " to " + NEWEST_SUPPORTED.text);
        }
        if (compareMinor(OLDEST_SUPPORTED) < 0 || compareMinor(NEWEST_SUPPORTED) > 0) {
            return Optional.of("TVM " + text + " is outside the versions the compile settings are meant for ("
                    + OLDEST_SUPPORTED.text + " to " + NEWEST_SUPPORTED.text + "); tvmc may reject or read"
                    + " them differently");
        }
        return Optional.empty();
    }

    /**
     * How to write {@code false} for a bool executor or runtime option ({@code --executor-aot-link-params}).
     * Up to 0.17 tvmc declares these as {@code int}, so "0" is false; from 0.18 on it declares them
     * {@code bool}, and Python's {@code bool("0")} is true: only the empty string is false there.
     */
    public String falseArgument() {
        return isKnown() && compareMinor(NEWEST_SUPPORTED) < 0 ? "0" : "";
    }
}
