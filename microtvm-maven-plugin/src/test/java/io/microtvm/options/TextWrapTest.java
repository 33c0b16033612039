package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapTest {

    @Test
    void splitsOnAnyWhitespace() {
        assertThat(TextWrap.words("  a\tb\n c  ")).containsExactly("a", "b", "c");
        assertThat(TextWrap.words("   ")).isEmpty();
    }

    @Test
    void fillsLinesUpToTheWidthWithPrefixes() {
        assertThat(TextWrap.fill(TextWrap.words("one two three four five"), "> ", "  ", 10))
                .containsExactly("> one two", "  three", "  four", "  five");
    }

    @Test
    void keepsAWordLongerThanALineWhole() {
        assertThat(TextWrap.fill(List.of("a", "abcdefghijkl", "b"), "", "", 5))
                .containsExactly("a", "abcdefghijkl", "b");
    }

    @Test
    void noWordsGiveTheBarePrefix() {
        assertThat(TextWrap.fill(List.of(), "x: ", "", 10)).containsExactly("x:");
    }
}
