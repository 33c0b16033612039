package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.projectapi.ServerErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never lose work: a create-project killed in the middle of its swap, and a build that fails, leave
 * the old state or a complete new one, and the next run cleans up after them. A real Maven killed
 * while create-project generates is the IT it/interrupted-builds.
 */
class InterruptedWorkTest {

    @TempDir
    Path tmp;

    private final List<String> logLines = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { logLines.add("DEBUG " + m); }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { logLines.add("ERROR " + m); }
    };
    private final ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30),
            Duration.ofSeconds(120), line -> logLines.add("SERVER " + line));

    private ProjectCreator.Outcome create(Path dir) throws Exception {
        return new ProjectCreator(settings, log).create(new ProjectCreator.Request(HostTemplateWorkflowTest.SINE,
                HostTemplateWorkflowTest.HOST, dir, Map.of(), false, "test-version"));
    }

    private List<Path> stagingDirs() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith(ProjectCreator.STAGING_PREFIX)).toList();
        }
    }

    @Test
    void createProjectKilledBetweenTheTwoRenamesOfTheSwapGetsTheOldProjectBackAndLeftoversGo() throws Exception {
        Path dir = tmp.resolve("project");
        create(dir);
        Path notes = Files.writeString(dir.resolve("user-notes.txt"), "mine");
        // where the swap had put the old project when the process died: its staging dir, as "previous"
        Path staging = Files.createDirectory(tmp.resolve(ProjectCreator.STAGING_PREFIX + "project-" + UUID.randomUUID()));
        Files.move(dir, staging.resolve("previous"));
        // an older one killed while generating: half a project in staging
        Path half = Files.createDirectories(tmp.resolve(ProjectCreator.STAGING_PREFIX + "project-" + UUID.randomUUID())
                .resolve("project/src"));
        // a staging dir of another project beside it is not touched
        Path others = Files.createDirectory(tmp.resolve(ProjectCreator.STAGING_PREFIX + "other-" + UUID.randomUUID()));

        assertThat(create(dir)).isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);

        assertThat(notes).hasContent("mine");
        assertThat(staging).doesNotExist();
        assertThat(half.getParent().getParent()).doesNotExist();
        assertThat(others).isDirectory();
        assertThat(logLines).contains("WARN Restored the project " + dir + ", which an interrupted create-project had"
                + " set aside in " + staging);
        assertThat(logLines).contains("INFO Removed " + half.getParent().getParent()
                + ", left behind by an interrupted create-project");
    }

    @Test
    void aFailedBuildIsNeverTakenForAnUpToDateOne() throws Exception {
        Path dir = tmp.resolve("project");
        create(dir);
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, settings, log);
        assertThatThrownBy(() -> project.build(Map.of("cflags", "--no-such-compiler-flag"), false, settings, log))
                .isInstanceOf(ServerErrorException.class);
        logLines.clear();

        // the same inputs as the good build: build/ was touched by the failed one, so it is built again
        project.build(Map.of(), false, settings, log);

        assertThat(logLines).noneMatch(l -> l.contains("is up to date"));
        assertThat(logLines).anyMatch(l -> l.startsWith("INFO Build done"));
    }
}
