package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one sequence every goal runs on a server: start, query, check the dir, resolve the options, call. */
class ProjectApiSessionTest {

    private static final Duration CALL = Duration.ofSeconds(15);

    @TempDir
    Path tempDir;

    private final List<String> quiet = new CopyOnWriteArrayList<>();
    private final List<String> verbose = new CopyOnWriteArrayList<>();
    private final ServerSettings settings = new ServerSettings("python3", CALL, CALL, quiet::add, null, verbose::add);

    @Test
    void theServersOutputIsShownWhenTheGivenOptionsSayVerboseAndOnlyThen() throws Exception {
        Path dir = TestServers.scripted(tempDir);
        try (ProjectApiSession session = ProjectApiSession.start(dir, settings, Map.of("verbose", " TRUE "), "t")) {
            session.requireTemplate("not a template");
        }
        assertThat(verbose).anyMatch(line -> line.contains("scripted server ready"));
        assertThat(quiet).isEmpty();

        verbose.clear();
        try (ProjectApiSession session = ProjectApiSession.start(dir, settings, Map.of("verbose", "false"), "t")) {
            session.requireTemplate("not a template");
        }
        assertThat(quiet).anyMatch(line -> line.contains("scripted server ready"));
        assertThat(verbose).isEmpty();
    }

    @Test
    void aDirOfTheOtherKindFailsWithTheCallersWordsAndStopsTheServer() throws Exception {
        ProjectApiSession session = ProjectApiSession.start(TestServers.scripted(tempDir), settings, null, "t");
        ProjectApiClient client = session.handOver(); // only to look at it: the failed check stops it anyway

        assertThatThrownBy(() -> session.requireProject("X is a template: run create-project"))
                .isInstanceOf(MicroTvmException.class)
                .hasMessage("X is a template: run create-project");
        assertThat(client.isAlive()).isFalse();
    }

    @Test
    void optionsAreResolvedForTheMethodAgainstTheServersDeclarationsAndNamedByTheSubject() throws Exception {
        Path dir = TestServers.scripted(tempDir);
        try (ProjectApiSession session = ProjectApiSession.start(dir, settings,
                Map.of("board", "esp32"), "template scripted")) {
            assertThatThrownBy(() -> session.resolve(ProjectMethod.GENERATE_PROJECT))
                    .isInstanceOf(InvalidOptionsException.class)
                    .hasMessageContaining("template scripted")
                    .hasMessageContaining("board");
        }
    }

    @Test
    void buildIsCalledWithTheTypedOptionsAndTheServerStopsWithTheSession() throws Exception {
        ProjectApiClient client;
        try (ProjectApiSession session = ProjectApiSession.start(TestServers.scripted(tempDir), settings,
                Map.of("verbose", "true"), "t")) {
            session.buildOrFlash(ProjectMethod.BUILD, BuildLog.NONE);
            client = session.handOver();
            JsonNode requests = client.call("recorded_requests", JsonNodeFactory.instance.objectNode(), CALL);
            JsonNode build = requests.get(requests.size() - 2).path("request");
            assertThat(build.path("method").asText()).isEqualTo("build");
            // typed by the server's declaration: a JSON boolean, not the string the user typed
            assertThat(build.path("params").path("options").path("verbose").isBoolean()).isTrue();
        }
        // handed over, so the session left it running: its new owner closes it
        assertThat(client.isAlive()).isTrue();
        client.close();
        assertThat(client.isAlive()).isFalse();
    }
}
