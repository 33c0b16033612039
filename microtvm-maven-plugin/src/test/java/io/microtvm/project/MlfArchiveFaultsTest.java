package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.projectapi.ServerErrorException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged or hostile Model Library Format archives, made here rather than committed, against the
 * real host template: each is refused with a message that says what is wrong, and nothing is
 * written anywhere (no project, no staging dir, nothing beside them). Entries pointing outside the
 * archive are {@link HostTemplateWorkflowTest}'s.
 */
class MlfArchiveFaultsTest {

    @TempDir
    Path tmp;

    private final ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30),
            Duration.ofSeconds(120), line -> { });

    /** create-project of {@code mlf} fails with a message containing {@code expected} and leaves nothing behind. */
    private void assertRefused(Path mlf, String... expected) throws IOException {
        List<String> before = listing();
        Path dir = tmp.resolve("project");

        assertThatThrownBy(() -> new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(
                mlf, HostTemplateWorkflowTest.HOST, dir, Map.of(), false, "test-version")))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("generate_project")
                .hasMessageContaining(mlf.toString())
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));

        assertThat(dir).doesNotExist();
        assertThat(listing()).as("nothing written beside the archive").isEqualTo(before);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void anEntryThatAppearsTwiceIsRefused() throws Exception {
        Path tar = tmp.resolve("duplicate.tar");
        try (TarArchiveOutputStream out = tarAt(tar)) {
            putFile(out, "./metadata.json", "{\"version\": 7}");
            putFile(out, "./codegen/host/src/default_lib0.c", "int a;");
            putFile(out, "codegen/host/src//default_lib0.c", "int evil;");
        }

        assertRefused(tar, "unsafe archive, nothing was extracted", "'codegen/host/src//default_lib0.c': appears twice");
    }

    @Test
    void aHugeEntryIsRefusedBeforeAnythingIsExtracted() throws Exception {
        // a few hundred bytes that declare 100 GiB: a pax size record, as tar writes for files over 8 GiB
        Path tar = tmp.resolve("bomb.tar");
        try (TarArchiveOutputStream out = tarAt(tar)) {
            putFile(out, "./metadata.json", "{\"version\": 7}");
            String record = " size=" + (100L << 30) + "\n";
            String pax = (record.length() + 3) + record;
            TarArchiveEntry header = new TarArchiveEntry("./PaxHeaders/weights.bin",
                    TarArchiveEntry.LF_PAX_EXTENDED_HEADER_LC);
            byte[] paxBytes = pax.getBytes(StandardCharsets.US_ASCII);
            header.setSize(paxBytes.length);
            out.putArchiveEntry(header);
            out.write(paxBytes);
            out.closeArchiveEntry();
            putFile(out, "./codegen/host/src/weights.bin", "0123456789");
        }

        assertRefused(tar, "would extract to at least " + ((100L << 30) + 14) + " bytes, more than the limit of 2147483648",
                "entry './codegen/host/src/weights.bin' declares " + (100L << 30) + " bytes");
    }

    @Test
    void aPlainTarCutShortIsRefusedBeforeExtracting() throws Exception {
        Path whole = tmp.resolve("whole.tar");
        try (TarArchiveOutputStream out = tarAt(whole)) {
            putFile(out, "./metadata.json", "{\"version\": 7}");
            putFile(out, "./codegen/host/src/default_lib0.c", "x".repeat(100_000));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        Path cut = Files.write(tmp.resolve("cut.tar"), Arrays.copyOf(bytes, 50_000));

        assertRefused(cut, "is truncated or corrupt, nothing was extracted", "Copy or download the archive again");
    }

    @Test
    void aGzippedTarCutShortIsRefused() throws Exception {
        byte[] sine = Files.readAllBytes(HostTemplateWorkflowTest.SINE);
        Path gz = tmp.resolve("sine.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(sine);
        }
        byte[] compressed = Files.readAllBytes(gz);
        Files.delete(gz);
        Path cut = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(compressed, compressed.length / 2));

        assertRefused(cut, "is truncated or corrupt");
    }

    @Test
    void anArchiveWithoutMetadataIsNotAModel() throws Exception {
        Path tar = tmp.resolve("no-metadata.tar");
        try (TarArchiveOutputStream out = tarAt(tar)) {
            putFile(out, "./codegen/host/src/default_lib0.c", "int a;");
        }

        assertRefused(tar, "is not a Model Library Format archive: it has no metadata.json");
    }

    @Test
    void anUnknownMlfVersionIsRefusedNamingTheVersion() throws Exception {
        Path tar = tmp.resolve("future.tar");
        try (TarArchiveOutputStream out = tarAt(tar)) {
            putFile(out, "./metadata.json", "{\"version\": 99, \"modules\": {}}");
        }

        assertRefused(tar, "metadata.json has MLF version 99; only version 7 is read");
    }

    @Test
    void aFileThatIsNoTarAtAllIsRefused() throws Exception {
        Path notTar = Files.writeString(tmp.resolve("model.tar"), "just some text, no tar header in sight\n".repeat(40));

        assertRefused(notTar, "is not a readable tar archive");
    }

    private static TarArchiveOutputStream tarAt(Path tar) throws IOException {
        TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar));
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return out;
    }

    private static void putFile(TarArchiveOutputStream out, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }
}
