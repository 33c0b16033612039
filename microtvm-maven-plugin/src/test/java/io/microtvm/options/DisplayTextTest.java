package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void quotesAndEscapesControlCharacters() {
        assertThat(DisplayText.quote("")).isEqualTo("''");
        assertThat(DisplayText.quote("a\r\nb\tc\u0000")).isEqualTo("'a\\r\\nb\\tc\\u0000'");
    }

    @Test
    void keepsNonAsciiText() {
        assertThat(DisplayText.quote("grüße 東京 ✓ \uD83D\uDE00")).isEqualTo("'grüße 東京 ✓ \uD83D\uDE00'");
    }

    @Test
    void cutsVeryLongValues() {
        String shown = DisplayText.quote("x".repeat(500));
        assertThat(shown).isEqualTo("'" + "x".repeat(DisplayText.MAX_SHOWN) + "...'");
        assertThat(DisplayText.quote("y".repeat(DisplayText.MAX_SHOWN))).doesNotContain("...");
    }
}
