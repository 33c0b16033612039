package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesTest {
    @TempDir
    Path tmp;

    private Path project() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("target/microtvm/project"));
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/main.c"), "int main(void) { return 0; }\n");
        Files.writeString(dir.resolve("Makefile"), "all:\n");
        return dir;
    }

    private static ProjectRecord recordListing(Map<String, String> files) {
        return new ProjectRecord(1, "v", "host", "/t", "d", "/m.tar", "d", Map.of(), null, "t", files, null, null);
    }

    @Test
    void listsEveryGeneratedFileByRelativePathAndDigestButBuildOutputRecordAndCaches() throws Exception {
        Path dir = project();
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/main"), "binary");
        Files.writeString(ProjectRecord.fileIn(dir), "{}");
        Files.createDirectories(dir.resolve("__pycache__"));
        Files.writeString(dir.resolve("__pycache__/server.cpython-311.pyc"), "x");

        Map<String, String> files = GeneratedFiles.listOf(dir);

        assertThat(files).containsOnlyKeys("Makefile", "src/main.c");
        assertThat(files.get("src/main.c")).isEqualTo(Digests.sha256(dir.resolve("src/main.c")));
    }

    @Test
    void filesAddedOrEditedAfterGenerationAreNotGenerated() throws Exception {
        Path dir = project();
        ProjectRecord record = recordListing(GeneratedFiles.listOf(dir));
        assertThat(GeneratedFiles.notGenerated(dir, record)).isEmpty();

        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("src/main.c"), "/* tuned */\n", java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/main"), "binary");

        assertThat(GeneratedFiles.notGenerated(dir, record)).containsExactly("notes.txt", "src/main.c");
    }

    @Test
    void aRecordWithoutAListCountsEveryFile() throws Exception {
        Path dir = project();
        assertThat(GeneratedFiles.notGenerated(dir, recordListing(null))).containsExactly("Makefile", "src/main.c");
    }

    @Test
    void keptFilesGoBesideTheProjectAtTheirPathsAndEarlierOnesStay() throws Exception {
        Path dir = project();
        Files.writeString(dir.resolve("notes.txt"), "first");
        Path replaced = GeneratedFiles.keepAside(dir, List.of("notes.txt"));
        Files.writeString(dir.resolve("notes.txt"), "second");
        Files.writeString(dir.resolve("src/extra.c"), "x");

        assertThat(GeneratedFiles.keepAside(dir, List.of("notes.txt", "src/extra.c"))).isEqualTo(replaced);

        assertThat(replaced).isEqualTo(tmp.resolve("target/microtvm/project.replaced"));
        assertThat(replaced.resolve("notes.txt")).hasContent("second");
        assertThat(replaced.resolve("src/extra.c")).hasContent("x");
    }
}
