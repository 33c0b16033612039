package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.projectapi.ServerErrorException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never lose work: a create-project killed while it generates (as a CI runner kills Maven), or in
 * the middle of its swap, and a build that fails, leave the old state or a complete new one, and
 * the next run cleans up after them.
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
    void createProjectKilledWhileGeneratingKeepsTheOldProjectAndTheNextRunCleansUp() throws Exception {
        Path dir = tmp.resolve("project");
        create(dir);
        Path notes = Files.writeString(dir.resolve("user-notes.txt"), "mine");
        Path template = chaosTemplate();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, InterruptedCreateMain.class.getName(),
                template.toString(), HostTemplateWorkflowTest.SINE.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // the template's generate_project takes five minutes: the kill lands in the middle of it
        builder.environment().put("CHAOS_MODE", "slow");
        builder.environment().put("CHAOS_METHOD", "generate_project");
        builder.environment().put("CHAOS_DELAY_SEC", "300");
        Process maven = builder.start();
        long server = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("chaos server (pid ")) {
                    server = Long.parseLong(line.substring("chaos server (pid ".length(), line.indexOf(')')));
                }
                if (line.startsWith("slow: answering generate_project")) {
                    break;
                }
            }
            assertThat(server).as("the child JVM reached generate_project").isPositive();
            assertThat(stagingDirs()).as("generation under way in staging").hasSize(1);

            maven.destroy(); // SIGTERM, as a CI runner cancelling the job sends it
            assertThat(maven.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // its server died with it (shutdown hook); the old project is as it was
            assertThat(ProcessHandle.of(server).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(notes).hasContent("mine");
            assertThat(ProjectRecord.readFrom(dir).orElseThrow().templateDir())
                    .isEqualTo(HostTemplateWorkflowTest.HOST.dir().toString());
        } finally {
            maven.destroyForcibly();
            if (server > 0) {
                ProcessHandle.of(server).ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        // the next create-project finds the project up to date and removes the leftover staging dir
        assertThat(create(dir)).isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);

        assertThat(stagingDirs()).isEmpty();
        assertThat(notes).hasContent("mine");
        assertThat(logLines).anyMatch(l -> l.startsWith("INFO Removed " + tmp.resolve(".microtvm-staging-project-"))
                && l.endsWith("left behind by an interrupted create-project"));
    }

    @Test
    void createProjectKilledBetweenTheTwoRenamesOfTheSwapGetsTheOldProjectBack() throws Exception {
        Path dir = tmp.resolve("project");
        create(dir);
        Path notes = Files.writeString(dir.resolve("user-notes.txt"), "mine");
        // where the swap had put the old project when the process died: its staging dir, as "previous"
        Path staging = Files.createDirectory(tmp.resolve(ProjectCreator.STAGING_PREFIX + "project-" + UUID.randomUUID()));
        Files.move(dir, staging.resolve("previous"));
        // a staging dir of another project beside it is not touched
        Path others = Files.createDirectory(tmp.resolve(ProjectCreator.STAGING_PREFIX + "other-" + UUID.randomUUID()));

        assertThat(create(dir)).isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);

        assertThat(notes).hasContent("mine");
        assertThat(staging).doesNotExist();
        assertThat(others).isDirectory();
        assertThat(logLines).contains("WARN Restored the project " + dir + ", which an interrupted create-project had"
                + " set aside in " + staging);
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

    /** The chaos server as a template dir (Maven drops execute bits on test resources). */
    private Path chaosTemplate() throws Exception {
        Path source = Path.of(getClass().getResource("/servers/chaos/microtvm_api_server.py").toURI());
        Path dir = Files.createDirectories(tmp.resolve("chaos-template"));
        Path server = Files.copy(source, dir.resolve(source.getFileName().toString()));
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
