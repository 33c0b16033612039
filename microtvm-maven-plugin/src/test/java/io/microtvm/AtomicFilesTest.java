package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project record, the outputs and the reports are written through here: all or nothing. */
class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = Files.writeString(tmp.resolve("microtvm-project.json"), "old and complete");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("new but only ha".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("old and complete");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aWriteThatSucceedsReplacesTheWholeFile() throws Exception {
        Path target = Files.writeString(tmp.resolve("outputs.npz"), "old content that is longer");

        AtomicFiles.writeAtomically(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(target);
        }
    }
}
