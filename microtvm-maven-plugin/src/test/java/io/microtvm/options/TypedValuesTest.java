package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What each option type converts to, written to JSON and read back: the record's round trip. */
    private static JsonNode roundTrip(JsonNode value) throws Exception {
        ObjectNode holder = JSON.createObjectNode().set("v", value);
        return JSON.readTree(JSON.writeValueAsString(holder)).get("v");
    }

    @Test
    void everyOptionTypeIsTheSameValueAfterAJsonRoundTrip() throws Exception {
        for (var type : OptionType.values()) {
            for (String text : new String[] {"4096", "-7", "0", "true", "FALSE", "0.5", "1e3", "-O2 -g", ""}) {
                var typed = type.convert(text);
                if (typed.isEmpty()) {
                    continue;
                }
                JsonNode back = roundTrip(typed.get());
                assertThat(TypedValues.same(typed.get(), back)).as(type + " " + text + " read back as " + back.getClass())
                        .isTrue();
                assertThat(TypedValues.canonical(typed.get())).isEqualTo(TypedValues.canonical(back));
            }
        }
    }

    @Test
    void theBugOfIssue11AnIntFromThePomAndAnIntFromTheRecordAreTheSameValue() throws Exception {
        JsonNode fromPom = OptionType.INT.convert("4096").orElseThrow();
        JsonNode fromRecord = roundTrip(fromPom);
        assertThat(fromPom).isInstanceOf(LongNode.class);
        assertThat(fromRecord).isInstanceOf(IntNode.class);
        assertThat(fromPom.equals(fromRecord)).as("why equals was wrong").isFalse();

        assertThat(TypedValues.same(fromPom, fromRecord)).isTrue();
    }

    @Test
    void integralNumbersInAnyNodeAreOneValue() {
        JsonNode[] fours = {IntNode.valueOf(4), LongNode.valueOf(4), ShortNode.valueOf((short) 4),
                BigIntegerNode.valueOf(BigInteger.valueOf(4)), DoubleNode.valueOf(4.0), FloatNode.valueOf(4f),
                DecimalNode.valueOf(new BigDecimal("4.000"))};
        for (JsonNode a : fours) {
            for (JsonNode b : fours) {
                assertThat(TypedValues.same(a, b)).as(a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName())
                        .isTrue();
            }
        }
    }

    @Test
    void differentValuesStayDifferent() {
        assertThat(TypedValues.same(IntNode.valueOf(4096), LongNode.valueOf(4097))).isFalse();
        assertThat(TypedValues.same(DoubleNode.valueOf(0.5), DoubleNode.valueOf(0.25))).isFalse();
        assertThat(TypedValues.same(DoubleNode.valueOf(4.5), IntNode.valueOf(4))).isFalse();
        assertThat(TypedValues.same(IntNode.valueOf(1), BooleanNode.TRUE)).as("a number is not a bool").isFalse();
        assertThat(TypedValues.same(TextNode.valueOf("4096"), IntNode.valueOf(4096))).as("a str is not a number")
                .isFalse();
        assertThat(TypedValues.same(TextNode.valueOf("true"), BooleanNode.TRUE)).isFalse();
        assertThat(TypedValues.same(BooleanNode.TRUE, BooleanNode.FALSE)).isFalse();
        assertThat(TypedValues.same(TextNode.valueOf("-O1"), TextNode.valueOf("-O2"))).isFalse();
        BigIntegerNode huge = BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890"));
        assertThat(TypedValues.same(huge, BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567891"))))
                .isFalse();
        assertThat(TypedValues.same(huge, roundTripQuietly(huge))).isTrue();
    }

    @Test
    void nullMissingAndJsonNullAreTheSameAbsentValue() {
        assertThat(TypedValues.same(null, NullNode.getInstance())).isTrue();
        assertThat(TypedValues.same(MissingNode.getInstance(), NullNode.getInstance())).isTrue();
        assertThat(TypedValues.same(null, TextNode.valueOf(""))).as("empty text is a value").isFalse();
    }

    @Test
    void mapsAndObjectsAreComparedMemberByMemberAsValues() {
        Map<String, JsonNode> given = new LinkedHashMap<>();
        given.put("workspace_size_bytes", LongNode.valueOf(4096));
        given.put("verbose", BooleanNode.TRUE);
        given.put("cflags", TextNode.valueOf("-O2"));
        Map<String, JsonNode> recorded = new LinkedHashMap<>();
        recorded.put("cflags", TextNode.valueOf("-O2"));
        recorded.put("verbose", BooleanNode.TRUE);
        recorded.put("workspace_size_bytes", IntNode.valueOf(4096));

        assertThat(TypedValues.canonical(given)).isEqualTo(TypedValues.canonical(recorded));
        assertThat(TypedValues.canonical(given).toString())
                .isEqualTo("{cflags=\"-O2\", verbose=true, workspace_size_bytes=4096}");

        ObjectNode a = JSON.createObjectNode().put("n", 4096L).put("b", false);
        ObjectNode b = JSON.createObjectNode().put("n", 4096).put("b", false);
        assertThat(TypedValues.canonical(a)).isEqualTo(TypedValues.canonical(b));
        assertThat(TypedValues.canonical((ObjectNode) null)).isNull();
    }

    @Test
    void textIsCanonicalForTheTypeOfARecordedValue() {
        assertThat(TypedValues.canonicalText("TRUE", BooleanNode.TRUE)).isEqualTo("true");
        assertThat(TypedValues.canonicalText(" False ", BooleanNode.TRUE)).isEqualTo("false");
        assertThat(TypedValues.canonicalText("+042", IntNode.valueOf(7))).isEqualTo("42");
        assertThat(TypedValues.canonicalText("0.50", DoubleNode.valueOf(1.5))).isEqualTo("0.5");
        assertThat(TypedValues.canonicalText("+042", TextNode.valueOf("x"))).as("a str is kept as given")
                .isEqualTo("+042");
        assertThat(TypedValues.canonicalText("TRUE", null)).as("no recorded type").isEqualTo("TRUE");
        assertThat(TypedValues.canonicalText("maybe", BooleanNode.TRUE)).as("not of the type").isEqualTo("maybe");
        assertThat(TypedValues.canonicalText(null, BooleanNode.TRUE)).isNull();
    }

    private static JsonNode roundTripQuietly(JsonNode value) {
        try {
            return roundTrip(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
