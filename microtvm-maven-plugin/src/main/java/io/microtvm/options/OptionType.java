package io.microtvm.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A declared option type and how a user's string becomes a JSON value of that type. tvmc sends
 * every value as a string, so {@code verbose=false} reaches the server as the truthy {@code
 * "false"} (docs/project-api.md, "Typed values"); converting by the declared type is what avoids
 * that.
 */
enum OptionType {
    BOOL("bool", "a bool: true or false"),
    INT("int", "an int: a decimal integer such as 42 or -7"),
    /** Not used by real servers, but RFC-0020 lists it. */
    FLOAT("float", "a float: a decimal number such as 0.5, -2 or 1e-3"),
    STR("str", "a str"),
    /**
     * Not declared by any real server: the type that {@link KnownOptionTypes} and the user's
     * {@code optionTypes} give options whose code takes a list (TVM's {@code compile_definitions}).
     */
    LIST("list", "a list: items separated by whitespace, or a JSON array of strings such as [\"-DA=1\", \"-DB\"]"),
    /** A type this plugin does not know (or none, as with pre-0.9 servers): passed through as text. */
    UNCHECKED("", "a string");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL_NUMBER =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private final String wireName;
    private final String expected;

    OptionType(String wireName, String expected) {
        this.wireName = wireName;
        this.expected = expected;
    }

    /** The type named by a {@code ProjectOption}'s {@code type} field; case is ignored, none is UNCHECKED. */
    static OptionType of(String declared) {
        String name = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT);
        for (OptionType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return UNCHECKED;
    }

    /**
     * The typed value for {@code text}, or empty when it is not of this type. Surrounding
     * whitespace is ignored for bool, int and float (XML and shells add it easily); str and
     * unchecked values are kept exactly as given.
     */
    Optional<JsonNode> convert(String text) {
        return switch (this) {
            case BOOL -> toBool(text.strip());
            case INT -> toInt(text.strip());
            case FLOAT -> toFloat(text.strip());
            case LIST -> toList(text.strip());
            case STR, UNCHECKED -> Optional.of(TextNode.valueOf(text));
        };
    }

    /** The names that may be written where a type is expected ({@code optionTypes}). */
    static String wireNames() {
        return "bool, int, float, str, list";
    }

    /** The declared type of this name, or empty when the name is none of {@link #wireNames()}. */
    static Optional<OptionType> named(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (OptionType t : values()) {
            if (t != UNCHECKED && t.wireName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return wireName;
    }

    private static Optional<JsonNode> toList(String t) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        if (t.startsWith("[")) {
            try {
                JsonNode parsed = JSON.readTree(t);
                if (parsed == null || !parsed.isArray()) {
                    return Optional.empty();
                }
                for (JsonNode item : parsed) {
                    if (!item.isTextual()) {
                        return Optional.empty();
                    }
                    items.add(item);
                }
                return Optional.of(items);
            } catch (JsonProcessingException notJson) {
                return Optional.empty();
            }
        }
        for (String item : t.split("\\s+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return Optional.of(items);
    }

    private static Optional<JsonNode> toBool(String t) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Optional.of(BooleanNode.valueOf(t.equalsIgnoreCase("true")));
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> toInt(String t) {
        if (!DECIMAL_INTEGER.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LongNode.valueOf(Long.parseLong(t)));
        } catch (NumberFormatException outOf64Bits) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> toFloat(String t) {
        if (!DECIMAL_NUMBER.matcher(t).matches()) {
            return Optional.empty();
        }
        double d = Double.parseDouble(t);
        // JSON has no infinity; 1e999 would otherwise be sent as a non-number
        return Double.isInfinite(d) ? Optional.empty() : Optional.of(DoubleNode.valueOf(d));
    }

    /** What a value of this type looks like, for messages: "a bool: true or false". */
    String expected() {
        return expected;
    }

    /** Like {@link #expected()}, but says why a well-formed number was still refused. */
    String expectedInsteadOf(String rejected) {
        String t = rejected.strip();
        if (this == INT && DECIMAL_INTEGER.matcher(t).matches()) {
            return "an int within 64 bits: a decimal integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (this == FLOAT && DECIMAL_NUMBER.matcher(t).matches()) {
            return "a float within the range of a 64-bit double (about 1.8e308)";
        }
        return expected;
    }

    /**
     * The text form in which values are compared with {@code choices}: "true" for any spelling of
     * a true bool, "42" for "+042", and the string itself for str.
     */
    static String canonical(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.isArray() ? value.toString() : value.asText();
    }

    /** The canonical form of a declared choice, or the choice itself when it is not of this type. */
    String canonicalChoice(String choice) {
        return convert(choice).map(OptionType::canonical).orElse(choice);
    }
}
