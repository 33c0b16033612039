package io.microtvm.options;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command-line form of template options, {@code -Dmicrotvm.options=NAME=VALUE[,NAME=VALUE...]},
 * and its merge with the POM's {@code <options>}.
 *
 * <p>Splitting rule. Values may contain {@code =} and {@code ,} (compile flags do), so:
 * <ol>
 *   <li>A {@code ,} separates two pairs only when what follows it looks like the start of the next
 *       pair: optional blanks, an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, the shape of every
 *       real option name), optional blanks, then {@code =}. Any other {@code ,} belongs to the
 *       value: {@code cflags=-O2,-DA=1} is one option {@code cflags} with value {@code -O2,-DA=1},
 *       because {@code -DA} is not an identifier; {@code a=1,} gives {@code a} the value
 *       {@code 1,}.</li>
 *   <li>{@code \,} is always a literal comma, never a separator:
 *       {@code defs=X=1\,Y=2} gives {@code defs} the value {@code X=1,Y=2}. No other backslash is
 *       special, so Windows paths survive. A value that must end in a backslash right before the
 *       next pair cannot be written here; use the POM for it.</li>
 *   <li>Each pair is split at its <em>first</em> {@code =}: {@code cflags=-DX=1} gives
 *       {@code -DX=1}. The name is trimmed; the value is kept exactly (type conversion later
 *       ignores blanks around bools and numbers).</li>
 *   <li>Blank input means no options. A first pair without {@code =} or with an empty name is an
 *       {@link OptionFormatException}; later pairs always have both, by rule 1.</li>
 *   <li>A name given twice keeps its first position and its last value.</li>
 * </ol>
 */
public final class OptionAssignments {

    private static final Pattern NEXT_PAIR = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\s*=");

    private OptionAssignments() {
    }

    /**
     * Parses {@code NAME=VALUE[,NAME=VALUE...]} following the rules above.
     *
     * @param text the property value; {@code null} or blank gives an empty map
     * @throws OptionFormatException when the first pair has no {@code =} or no name
     */
    public static LinkedHashMap<String, String> parse(String text) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        StringBuilder pair = new StringBuilder();
        int pairStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                pair.append(',');
                i++;
            } else if (c == ',' && startsPair(text, i + 1)) {
                put(out, pair.toString(), text.substring(pairStart, i));
                pair.setLength(0);
                pairStart = i + 1;
            } else {
                pair.append(c);
            }
        }
        put(out, pair.toString(), text.substring(pairStart));
        return out;
    }

    private static boolean startsPair(String text, int from) {
        return NEXT_PAIR.matcher(text).region(from, text.length()).lookingAt();
    }

    private static void put(Map<String, String> out, String pair, String asWritten) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? "" : pair.substring(0, eq).strip();
        if (name.isEmpty()) {
            throw new OptionFormatException(asWritten);
        }
        out.put(name, pair.substring(eq + 1));
    }

    /**
     * The options of one goal: the POM's, overridden name by name by the command line's. Either
     * map may be {@code null}. POM order first, then names only the command line has.
     */
    public static LinkedHashMap<String, String> merge(Map<String, String> pom, Map<String, String> commandLine) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (pom != null) {
            out.putAll(pom);
        }
        if (commandLine != null) {
            out.putAll(commandLine);
        }
        return out;
    }
}
