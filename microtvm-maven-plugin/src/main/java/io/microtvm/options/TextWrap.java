package io.microtvm.options;

import java.util.ArrayList;
import java.util.List;

/** Greedy word wrapping for the help text, with a first-line prefix and a continuation prefix. */
final class TextWrap {

    private TextWrap() {
    }

    /** The whitespace-separated words of {@code text}. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Lays {@code words} out, separated by single spaces, on lines of at most {@code width}
     * characters: the first starts with {@code firstPrefix}, the others with {@code restPrefix}. A
     * word longer than a line is kept whole on a line of its own rather than broken.
     */
    static List<String> fill(List<String> words, String firstPrefix, String restPrefix, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstPrefix);
        boolean lineHasWord = false;
        for (String word : words) {
            if (lineHasWord && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(restPrefix);
                lineHasWord = false;
            }
            if (lineHasWord) {
                line.append(' ');
            }
            line.append(word);
            lineHasWord = true;
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }
}
