package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bundled templates' server machinery ({@code project_api_server} of the shared package
 * {@code templates/microtvm_template_common}, imported through {@code templates/host}) keeps the
 * encoded {@code server_info_query} result between calls. These tests drive its request loop in a
 * real Python process and check that the kept text is only reused while the handler's answer is the
 * same, and that every reply is byte for byte what encoding the whole reply would give.
 */
class ServerInfoReplyCacheTest {

    private static final Path HOST_TEMPLATE = HostTemplateWorkflowTest.REPO.resolve("templates/host");

    // A handler whose option list grows in place (one module-level list, as templates keep theirs)
    // after the second query; four queries go through the server loop, each reply is printed with
    // whether it equals json.dumps of the parsed reply.
    private static final String DRIVER = String.join("\n",
            "import io, json, sys",
            "sys.path.insert(0, sys.argv[1])",
            "import microtvm_template_common.project_api_server as api",
            "OPTIONS = [api.ProjectOption('a', type='bool', optional=['build'], help='first')]",
            "class Handler(api.ProjectAPIHandler):",
            "    calls = 0",
            "    def server_info_query(self, tvm_version):",
            "        Handler.calls += 1",
            "        if Handler.calls == 3:",
            "            OPTIONS.append(api.ProjectOption('b', type='str', required=['flash'], help='second'))",
            "        return api.ServerInfo('cache-test', True, '', OPTIONS)",
            "    def generate_project(self, *a): pass",
            "    def build(self, options): pass",
            "    def flash(self, options): pass",
            "    def open_transport(self, options): pass",
            "    def close_transport(self): pass",
            "    def read_transport(self, n, timeout_sec): pass",
            "    def write_transport(self, data, timeout_sec): pass",
            "requests = ''.join(json.dumps({'jsonrpc': '2.0', 'method': 'server_info_query',",
            "                               'params': {'tvm_version': '0.18.0'}, 'id': i}) + '\\n' for i in range(1, 5))",
            "replies = io.BytesIO()",
            "replies.close = lambda: None",
            "api.ProjectAPIServer(io.BytesIO(requests.encode()), replies, Handler()).serve_forever()",
            "for line in replies.getvalue().decode().splitlines():",
            "    print(json.dumps(json.loads(line)) == line, line)",
            "");

    @Test
    void theKeptResultIsReusedForAnEqualAnswerAndReplacedWhenTheAnswerChanges() throws Exception {
        List<String> lines = runDriver();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode[] results = new JsonNode[4];
        for (int i = 0; i < 4; i++) {
            String line = lines.get(i);
            assertThat(line).as("reply %d is the text json.dumps gives for it", i + 1).startsWith("True ");
            JsonNode reply = json.readTree(line.substring("True ".length()));
            assertThat(reply.path("id").asInt()).isEqualTo(i + 1);
            results[i] = reply.path("result");
        }
        assertThat(results[1]).isEqualTo(results[0]);
        assertThat(optionNames(results[1])).containsExactly("a");
        assertThat(optionNames(results[2])).as("the list grew in place: the kept text must not be reused")
                .containsExactly("a", "b");
        assertThat(results[3]).isEqualTo(results[2]);
        assertThat(results[3].path("protocol_version").asInt()).isEqualTo(1);
    }

    private static List<String> optionNames(JsonNode result) {
        return result.path("project_options").findValuesAsText("name");
    }

    private static List<String> runDriver() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-B", "-c", DRIVER, HOST_TEMPLATE.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            python.getOutputStream().close();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("the driver finished").isTrue();
            assertThat(python.exitValue()).as("the driver's exit status").isZero();
            return out.lines().toList();
        } finally {
            python.destroyForcibly();
        }
    }
}
