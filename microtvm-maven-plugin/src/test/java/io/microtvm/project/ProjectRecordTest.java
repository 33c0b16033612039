package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.MicroTvmException;
import io.microtvm.options.TypedValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRecordTest {
    @TempDir
    Path dir;

    private static ProjectRecord sample() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("verbose", "TRUE");
        options.put("cflags", "-DX=1,-DY=2 é");
        ObjectNode resolved = new ObjectMapper().createObjectNode().put("verbose", true).put("cflags", "-DX=1,-DY=2 é");
        resolved.putNull("workspace_size_bytes");
        return new ProjectRecord(1, "0.1.0-SNAPSHOT", "host", "/t/host", "abc", "/m/sine.tar", "def", options,
                resolved, "2026-11-29T00:00:00Z");
    }

    @Test
    void roundTripsEveryFieldIncludingTypedOptionsAndOptionOrder() throws Exception {
        ProjectRecord written = sample();
        written.writeTo(dir);

        ProjectRecord read = ProjectRecord.readFrom(dir).orElseThrow();

        assertThat(read).isEqualTo(written);
        assertThat(read.options().keySet()).containsExactly("verbose", "cflags");
        assertThat(read.resolvedOptions().get("verbose").isBoolean()).isTrue();
        assertThat(read.resolvedOptions().get("workspace_size_bytes").isNull()).isTrue();
    }

    @Test
    void optionsOfEveryTypeReadBackAsTheValuesWritten() throws Exception {
        // what OptionResolver makes of int, bool, float and str options: long, boolean, double and text nodes
        ObjectNode resolved = new ObjectMapper().createObjectNode()
                .put("workspace_size_bytes", 4096L).put("big", 5_000_000_000L).put("negative", -7L)
                .put("verbose", false).put("ratio", 0.5).put("whole_float", 2.0).put("cflags", "-O2 -g");
        resolved.putNull("unset");
        ProjectRecord written = new ProjectRecord(1, "v", "host", "/t", "a", "/m.tar", "b",
                Map.of("workspace_size_bytes", "4096"), resolved, "t");
        written.writeTo(dir);

        ProjectRecord read = ProjectRecord.readFrom(dir).orElseThrow();

        assertThat(read).isEqualTo(written);
        assertThat(read.resolvedOptions()).isEqualTo(written.resolvedOptions());
        resolved.fieldNames().forEachRemaining(name -> assertThat(
                TypedValues.same(read.resolvedOptions().get(name), resolved.get(name))).as(name).isTrue());
        assertThat(read.resolvedOptions().get("verbose").isBoolean()).isTrue();
        assertThat(read.resolvedOptions().get("cflags").isTextual()).isTrue();
        assertThat(read.resolvedOptions().get("ratio").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void writingReplacesTheOldRecordAndLeavesNoTemporaryFiles() throws Exception {
        sample().writeTo(dir);
        ProjectRecord second = new ProjectRecord(1, "0.2.0", null, "/tpl", "x", "/m.tar", "y", Map.of(), null, "now");
        second.writeTo(dir);

        assertThat(ProjectRecord.readFrom(dir)).contains(second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ProjectRecord.FILE_NAME);
        }
    }

    @Test
    void aDirWithoutRecordHasNone() throws Exception {
        assertThat(ProjectRecord.readFrom(dir)).isEmpty();
        assertThat(ProjectRecord.existsIn(dir)).isFalse();
    }

    @Test
    void aCorruptRecordIsAClearErrorNamingTheFile() throws Exception {
        Files.writeString(ProjectRecord.fileIn(dir), "{ not json");

        assertThatThrownBy(() -> ProjectRecord.readFrom(dir))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining(ProjectRecord.fileIn(dir).toString())
                .hasMessageContaining("create-project");
    }

    @Test
    void aRecordFromANewerPluginIsRefused() throws Exception {
        Files.writeString(ProjectRecord.fileIn(dir), "{\"formatVersion\": 99, \"pluginVersion\": \"9.0\"}");

        assertThatThrownBy(() -> ProjectRecord.readFrom(dir))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("format version 99")
                .hasMessageContaining("9.0");
    }

    @Test
    void describesItsSourceByPlatformOrTemplateDir() {
        assertThat(sample().describeSource()).isEqualTo("platform 'host'");
        ProjectRecord fromDir = new ProjectRecord(1, "v", null, "/my/tpl", "d", "/m", "d", Map.of(), null, "t");
        assertThat(fromDir.describeSource()).isEqualTo("template /my/tpl");
    }
}
