package io.microtvm.compile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code tvmc compile} option the plugin knows, with the type of its value. Names are tvmc's
 * without the leading dashes ({@code executor-aot-unpacked-api}); pass configs are named as TVM
 * names them ({@code tir.usmp.algorithm}).
 *
 * @param name    tvmc's name
 * @param type    what the value must be
 * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
 * @param min     the smallest allowed {@link Type#INT}
 * @param max     the largest allowed {@link Type#INT}
 */
public record TvmcOption(String name, Type type, List<String> choices, long min, long max) {

    /** How a value is checked and converted. */
    public enum Type { BOOL, INT, CHOICE, TEXT }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    public TvmcOption {
        choices = List.copyOf(choices);
    }

    static TvmcOption bool(String name) {
        return new TvmcOption(name, Type.BOOL, List.of(), 0, 0);
    }

    static TvmcOption integer(String name, long min, long max) {
        return new TvmcOption(name, Type.INT, List.of(), min, max);
    }

    static TvmcOption choice(String name, String... choices) {
        return new TvmcOption(name, Type.CHOICE, List.of(choices), 0, 0);
    }

    static TvmcOption text(String name) {
        return new TvmcOption(name, Type.TEXT, List.of(), 0, 0);
    }

    /**
     * The typed value of {@code given}: a {@link Boolean} ({@code true}/{@code false}/{@code 1}/{@code 0},
     * as tvmc's own pass configs accept), a {@link Long}, or the string; empty when it is not of the type.
     */
    Optional<Object> convert(String given) {
        String t = given.strip();
        return switch (type) {
            case BOOL -> switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> Optional.of(Boolean.TRUE);
                case "false", "0" -> Optional.of(Boolean.FALSE);
                default -> Optional.empty();
            };
            case INT -> {
                if (!DECIMAL.matcher(t).matches()) {
                    yield Optional.empty();
                }
                try {
                    long v = Long.parseLong(t);
                    yield v < min || v > max ? Optional.empty() : Optional.of(v);
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            case CHOICE -> choices.contains(t) ? Optional.of(t) : Optional.empty();
            case TEXT -> t.isEmpty() ? Optional.empty() : Optional.of(t);
        };
    }

    /** What a value must look like, for messages. */
    String expected() {
        return switch (type) {
            case BOOL -> "a bool: true, false, 1 or 0";
            case INT -> "an integer from " + min + " to " + max;
            case CHOICE -> "one of " + String.join(", ", choices);
            case TEXT -> "a non-empty string";
        };
    }
}
