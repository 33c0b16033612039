package io.microtvm.options;

/**
 * Shows user-supplied text inside one-line messages: quoted, with control characters escaped so a
 * value holding a newline cannot break the one-problem-per-line layout, and cut when very long.
 */
final class DisplayText {

    /** Longer values are cut; a build log needs to identify a value, not reproduce it. */
    static final int MAX_SHOWN = 120;

    private DisplayText() {
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append('\'');
        int shown = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (shown == MAX_SHOWN) {
                out.append("...");
                break;
            }
            appendEscaped(out, text.codePointAt(i));
            shown++;
        }
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (Character.isISOControl(cp)) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }
}
