package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionTypeTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            bool,    BOOL
            BOOL,    BOOL
            ' int ', INT
            float,   FLOAT
            str,     STR
            list,    LIST
            tuple,   UNCHECKED
            boolean, UNCHECKED
            '',      UNCHECKED
            """)
    void isReadFromTheDeclaredTypeName(String declared, OptionType expected) {
        assertThat(OptionType.of(declared)).isEqualTo(expected);
    }

    @Test
    void noDeclaredTypeIsUnchecked() {
        assertThat(OptionType.of(null)).isEqualTo(OptionType.UNCHECKED);
    }

    @Test
    void boolConvertsOnlyTrueAndFalse() {
        assertThat(OptionType.BOOL.convert("TrUe")).contains(BooleanNode.TRUE);
        assertThat(OptionType.BOOL.convert(" false ")).contains(BooleanNode.FALSE);
        assertThat(OptionType.BOOL.convert("yes")).isEmpty();
        assertThat(OptionType.BOOL.convert("truee")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "1.5", "1e3", "", "١٢", "1_000", "+-1"})
    void intRefusesAnythingButDecimalDigits(String text) {
        assertThat(OptionType.INT.convert(text)).isEmpty();
        assertThat(OptionType.INT.expectedInsteadOf(text)).isEqualTo(OptionType.INT.expected());
    }

    @Test
    void intOverflowHasItsOwnExpectation() {
        assertThat(OptionType.INT.convert("-9223372036854775809")).isEmpty();
        assertThat(OptionType.INT.expectedInsteadOf("-9223372036854775809")).contains("64 bits");
        assertThat(OptionType.INT.convert(" 12 ")).contains(LongNode.valueOf(12));
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "-2, -2.0", "1e-3, 0.001", ".5, 0.5", "5., 5.0", "+1E+2, 100.0"})
    void floatAcceptsDecimalNumbers(String text, double expected) {
        JsonNode value = OptionType.FLOAT.convert(text).orElseThrow();
        assertThat(value.isDouble()).isTrue();
        assertThat(value.doubleValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1,5", "NaN", "Infinity", "0x1p3", "1e", "."})
    void floatRefusesTheRest(String text) {
        assertThat(OptionType.FLOAT.convert(text)).isEmpty();
    }

    @Test
    void strAndUncheckedKeepTheTextExactly() {
        for (String text : new String[] {"", "  padded  ", "a=b,c", "line\nnext", "grüße ✓"}) {
            assertThat(OptionType.STR.convert(text)).contains(TextNode.valueOf(text));
            assertThat(OptionType.UNCHECKED.convert(text)).contains(TextNode.valueOf(text));
        }
    }

    @Test
    void canonicalFormsUsedForChoices() {
        assertThat(OptionType.BOOL.canonicalChoice("True")).isEqualTo("true");
        assertThat(OptionType.INT.canonicalChoice("+042")).isEqualTo("42");
        assertThat(OptionType.INT.canonicalChoice("auto")).isEqualTo("auto");
        assertThat(OptionType.STR.canonicalChoice(" X ")).isEqualTo(" X ");
        assertThat(OptionType.canonical(LongNode.valueOf(-3))).isEqualTo("-3");
        assertThat(OptionType.canonical(TextNode.valueOf(""))).isEmpty();
    }
}
