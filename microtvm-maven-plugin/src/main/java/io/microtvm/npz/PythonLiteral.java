package io.microtvm.npz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small part of Python's literal syntax that {@code .npy} headers use: dicts with string
 * keys, strings in single or double quotes (no escapes), {@code True}/{@code False}, decimal
 * integers (a Python 2 {@code L} suffix tolerated), tuples and lists. Values come back as
 * {@link String}, {@link Boolean}, {@link Long}, {@link Tuple}, {@link List} and {@link Map}
 * (insertion-ordered).
 */
final class PythonLiteral {

    /** A Python tuple; kept apart from lists because a shape must be a tuple. */
    record Tuple(List<Object> items) {
    }

    // Real headers nest two deep; the cap keeps a hostile header from exhausting the stack.
    private static final int MAX_DEPTH = 16;

    private final String text;
    private int position;
    private int depth;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /**
     * The one literal in {@code text}; whitespace around it is allowed, anything else is not.
     *
     * @throws IllegalArgumentException naming what was expected and where
     */
    static Object parse(String text) {
        PythonLiteral parser = new PythonLiteral(text);
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("expected a value but the text ended");
        }
        char c = text.charAt(position);
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '{' || c == '(' || c == '[') {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " deep");
            }
            Object container = c == '{' ? dict() : c == '(' ? tuple() : list();
            depth--;
            return container;
        }
        if (c == '-' || Character.isDigit(c)) {
            return integer();
        }
        if (text.startsWith("True", position)) {
            position += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", position)) {
            position += 5;
            return Boolean.FALSE;
        }
        throw error("expected a string, number, True, False, tuple, list or dict");
    }

    private String string() {
        char quote = text.charAt(position++);
        int start = position;
        while (position < text.length() && text.charAt(position) != quote) {
            if (text.charAt(position) == '\\') {
                throw error("escape sequences in strings are not supported");
            }
            position++;
        }
        if (position >= text.length()) {
            throw error("unterminated string starting at offset " + (start - 1));
        }
        return text.substring(start, position++);
    }

    private Long integer() {
        int start = position;
        if (text.charAt(position) == '-') {
            position++;
        }
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        String digits = text.substring(start, position);
        if (position < text.length() && (text.charAt(position) == 'L' || text.charAt(position) == 'l')) {
            position++;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            position = start;
            throw error("'" + digits + "' is not an integer that fits in 64 bits");
        }
    }

    private Map<String, Object> dict() {
        Map<String, Object> entries = new LinkedHashMap<>();
        position++;
        while (!closes('}')) {
            skipWhitespace();
            int keyPosition = position;
            if (!(value() instanceof String key)) {
                position = keyPosition;
                throw error("dict keys must be strings");
            }
            expect(':');
            Object value = value();
            if (entries.putIfAbsent(key, value) != null) {
                position = keyPosition;
                throw error("key '" + key + "' appears twice");
            }
            if (!separated('}')) {
                break;
            }
        }
        expect('}');
        return entries;
    }

    private Tuple tuple() {
        position++;
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        while (!closes(')')) {
            items.add(value());
            boolean comma = separated(')');
            sawComma |= comma;
            if (!comma) {
                break;
            }
        }
        expect(')');
        if (items.size() == 1 && !sawComma) {
            // "(3)" is just 3 in parentheses; only "(3,)" is a tuple
            throw error("a one-element tuple needs a trailing comma, like (3,)");
        }
        return new Tuple(items);
    }

    private List<Object> list() {
        position++;
        List<Object> items = new ArrayList<>();
        while (!closes(']')) {
            items.add(value());
            if (!separated(']')) {
                break;
            }
        }
        expect(']');
        return items;
    }

    /** Whether the next non-blank character is {@code close} (not consumed). */
    private boolean closes(char close) {
        skipWhitespace();
        return position < text.length() && text.charAt(position) == close;
    }

    /** Consumes a comma after an item and says so; without one the container must close next. */
    private boolean separated(char close) {
        skipWhitespace();
        if (position < text.length() && text.charAt(position) == ',') {
            position++;
            return true;
        }
        if (position < text.length() && text.charAt(position) == close) {
            return false;
        }
        throw error("expected ',' or '" + close + "'");
    }

    private void expect(char c) {
        skipWhitespace();
        if (position >= text.length() || text.charAt(position) != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at offset " + position);
    }
}
