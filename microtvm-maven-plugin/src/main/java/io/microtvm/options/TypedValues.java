package io.microtvm.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Option values compared as the values they are, not as the Java objects that hold them.
 *
 * <p>Jackson keeps a JSON number in the smallest node that fits it: {@code 4096} converted from a
 * POM is a {@code LongNode}, the same {@code 4096} read back from a project record or from a
 * server's declared default is an {@code IntNode}, and the two are not {@code equals}. Every
 * comparison of options (a project's record against the options of this build, the options of a
 * build stamp) goes through the canonical form here: integral numbers as a long, other numbers as
 * a double, bools as bools, strings as strings, missing as JSON null.
 */
public final class TypedValues {

    private TypedValues() {
    }

    /** The canonical node of {@code value}; null and missing become JSON null. Containers are copied as they are. */
    public static JsonNode canonical(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (value.isNumber()) {
            return canonicalNumber(value);
        }
        if (value.isBoolean()) {
            return BooleanNode.valueOf(value.booleanValue());
        }
        if (value.isObject()) {
            return canonical((ObjectNode) value);
        }
        return value.deepCopy();
    }

    /** A copy of {@code object} with every member in canonical form, order kept; null stays null. */
    public static ObjectNode canonical(ObjectNode object) {
        if (object == null) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        object.fields().forEachRemaining(e -> out.set(e.getKey(), canonical(e.getValue())));
        return out;
    }

    /** Whether two option values are the same value: {@code 4096} as an int node equals {@code 4096} as a long node. */
    public static boolean same(JsonNode a, JsonNode b) {
        return canonical(a).equals(canonical(b));
    }

    /** Canonical values by name, sorted by name: the form in which option maps are compared and shown. */
    public static Map<String, JsonNode> canonical(Map<String, JsonNode> options) {
        Map<String, JsonNode> out = new TreeMap<>();
        options.forEach((name, value) -> out.put(name, canonical(value)));
        return out;
    }

    /**
     * A user's option text in the form it has as a value of {@code typedLike}'s type: {@code TRUE}
     * is {@code true} where the recorded value is a bool, {@code +042} is {@code 42} where it is a
     * number; otherwise (a string option, no recorded value, text that is not of that type) the text
     * as given. For comparing options given as text against each other without a server to ask
     * for their declared types: the project record knows them from its typed values.
     */
    public static String canonicalText(String text, JsonNode typedLike) {
        if (text == null || typedLike == null) {
            return text;
        }
        Optional<JsonNode> typed = Optional.empty();
        if (typedLike.isBoolean()) {
            typed = OptionType.BOOL.convert(text);
        } else if (typedLike.isIntegralNumber()) {
            typed = OptionType.INT.convert(text);
        } else if (typedLike.isNumber()) {
            typed = OptionType.FLOAT.convert(text);
        }
        return typed.map(v -> canonical(v).asText()).orElse(text);
    }

    private static JsonNode canonicalNumber(JsonNode number) {
        if (number.isIntegralNumber() && number.canConvertToLong()) {
            return LongNode.valueOf(number.longValue());
        }
        if (number.isFloatingPointNumber()) {
            // a float that holds an integer (1.0) is the same value as the int 1
            try {
                return LongNode.valueOf(number.decimalValue().longValueExact());
            } catch (ArithmeticException notAnIntegerWithin64Bits) {
                return DoubleNode.valueOf(number.doubleValue());
            }
        }
        // an integer beyond 64 bits: compared by its exact digits
        return number.deepCopy();
    }
}
