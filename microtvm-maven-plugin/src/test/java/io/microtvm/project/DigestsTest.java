package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
    @TempDir
    Path tmp;

    @Test
    void anEditInADirectoryATemplateLinksToChangesTheTemplateDigest() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared_package"));
        Files.writeString(shared.resolve("module.py"), "VALUE = 1\n");
        Path template = Files.createDirectories(tmp.resolve("template"));
        Files.writeString(template.resolve("microtvm_api_server.py"), "import shared_package\n");
        Files.createSymbolicLink(template.resolve("shared_package"), Path.of("../shared_package"));

        String before = Digests.sha256Tree(template);
        Files.writeString(shared.resolve("module.py"), "VALUE = 2\n");

        assertThat(Digests.sha256Tree(template)).isNotEqualTo(before);
    }

    @Test
    void aProjectDigestDoesNotFollowLinksAndSkipsWhatItIsTold() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("big.bin"), "a");
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("Makefile"), "all:\n");
        Files.createDirectories(project.resolve("build"));
        Files.writeString(project.resolve("build/main"), "x");
        Files.createSymbolicLink(project.resolve("linked"), outside);

        String before = Digests.sha256Tree(project, p -> p.startsWith(project.resolve("build")));
        Files.writeString(outside.resolve("big.bin"), "b");
        Files.writeString(project.resolve("build/main"), "y");

        assertThat(Digests.sha256Tree(project, p -> p.startsWith(project.resolve("build")))).isEqualTo(before);
        Files.writeString(project.resolve("Makefile"), "all: main\n");
        assertThat(Digests.sha256Tree(project, p -> p.startsWith(project.resolve("build")))).isNotEqualTo(before);
    }
}
