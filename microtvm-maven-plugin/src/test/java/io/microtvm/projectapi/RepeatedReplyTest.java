package io.microtvm.projectapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A reply kept for {@code server_info_query} is given back only for a byte-for-byte repeat with the new id. */
class RepeatedReplyTest {

    private static final String RESULT = "{\"platform_name\": \"host\", \"is_template\": true, \"project_options\": []}";

    private static String reply(long id, String result) {
        return "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": " + result + "}";
    }

    private static JsonNode parsed(String result) throws Exception {
        return ProjectApiClient.JSON.readTree(result);
    }

    @Test
    void aRepeatWithTheNextIdGivesTheKeptResult() throws Exception {
        RepeatedReply kept = new RepeatedReply(ProjectApiClient.JSON);
        assertThat(kept.match(1, reply(1, RESULT))).as("nothing kept yet").isNull();
        JsonNode result = parsed(RESULT);
        kept.keep(1, reply(1, RESULT), result);

        assertThat(kept.match(2, reply(2, RESULT))).isSameAs(result);
        assertThat(kept.match(12345, reply(12345, RESULT))).isSameAs(result);
    }

    @Test
    void anotherIdAnotherResultOrAnotherShapeIsNoRepeat() throws Exception {
        RepeatedReply kept = new RepeatedReply(ProjectApiClient.JSON);
        kept.keep(1, reply(1, RESULT), parsed(RESULT));

        assertThat(kept.match(3, reply(2, RESULT))).as("the id of another request").isNull();
        assertThat(kept.match(2, reply(2, RESULT.replace("true", "false")))).as("a changed result").isNull();
        assertThat(kept.match(2, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":" + RESULT + "}"))
                .as("compact separators").isNull();
        assertThat(kept.match(2, reply(2, RESULT) + " ")).isNull();
    }

    @Test
    void aReplyWhoseTailCarriesMoreThanTheResultIsNeverKept() throws Exception {
        RepeatedReply kept = new RepeatedReply(ProjectApiClient.JSON);
        // a second "id" after the result: a parser keeps the last one, so the tail is not the result alone
        String tricky = RESULT + ", \"id\": 1";
        kept.keep(1, reply(1, tricky), parsed(RESULT));

        assertThat(kept.match(2, reply(2, tricky))).isNull();
    }

    @Test
    void aResultThatDoesNotMatchItsTextIsNeverKept() throws Exception {
        RepeatedReply kept = new RepeatedReply(ProjectApiClient.JSON);
        kept.keep(1, reply(1, RESULT), parsed("{\"platform_name\": \"other\"}"));

        assertThat(kept.match(2, reply(2, RESULT))).isNull();
    }
}
