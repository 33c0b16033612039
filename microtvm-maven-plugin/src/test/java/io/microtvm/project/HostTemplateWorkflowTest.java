package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.projectapi.ServerErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * create-project, build and flash through the real host template server and a real TVM model,
 * with the guarantees around them: nothing clobbered without force, nothing half-made left.
 */
class HostTemplateWorkflowTest {
    static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    static final Path SINE = REPO.resolve("example/model/sine.tar");
    static final Template HOST = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);

    @TempDir
    Path tmp;

    final List<String> logLines = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { logLines.add("DEBUG " + m); }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { logLines.add("ERROR " + m); }
    };
    final ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(120),
            line -> logLines.add("SERVER " + line));

    private ProjectCreator.Outcome create(Path mlf, Path dir, Map<String, String> options, boolean force)
            throws Exception {
        return new ProjectCreator(settings, log)
                .create(new ProjectCreator.Request(mlf, HOST, dir, options, force, "test-version"));
    }

    private static Map<String, String> options(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<String> stagingDirsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".microtvm-staging")).toList();
        }
    }

    @Test
    void createsARecordedProjectThenBuildsAndFlashesIt() throws Exception {
        Path dir = tmp.resolve("project");

        assertThat(create(SINE, dir, options("cflags", "-O1", "verbose", "False"), false))
                .isEqualTo(ProjectCreator.Outcome.CREATED);

        ProjectRecord record = ProjectRecord.readFrom(dir).orElseThrow();
        assertThat(record.platform()).isEqualTo("host");
        assertThat(record.modelLibraryFormat()).isEqualTo(SINE.toString());
        assertThat(record.modelLibraryFormatDigest()).isEqualTo(Digests.sha256(SINE));
        assertThat(record.templateDigest()).isEqualTo(Digests.sha256Tree(HOST.dir()));
        assertThat(record.pluginVersion()).isEqualTo("test-version");
        assertThat(record.options()).containsExactly(Map.entry("cflags", "-O1"), Map.entry("verbose", "False"));
        assertThat(record.resolvedOptions().get("verbose").isBoolean()).isTrue();
        assertThat(record.resolvedOptions().get("verbose").booleanValue()).isFalse();
        assertThat(record.resolvedOptions().has("cc")).as("defaults filled for every option").isTrue();
        assertThat(dir.resolve("model.tar")).exists();
        assertThat(stagingDirsIn(tmp)).isEmpty();

        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, settings, log);
        assertThat(dir.resolve("build/main")).isExecutable();
        project.flash(Map.of(), settings, log);
        assertThat(logLines).anyMatch(l -> l.startsWith("INFO Flash done"));
    }

    @Test
    void theRecordNamesTheImagesTheBuildWritesAsTheTemplateDeclaresThem() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);
        GeneratedProject project = GeneratedProject.open(dir);
        assertThat(project.record().firmwareImages()).containsExactly(Map.entry("elf", "build/main"));
        assertThat(project.firmwareImages()).as("nothing built yet").isEmpty();

        project.build(Map.of(), false, settings, log);

        assertThat(project.firmwareImages()).containsExactly(Map.entry("elf", dir.resolve("build/main")));
    }

    @Test
    void flashOfAGivenImageNeedsNoBuildAndRunsThatImageUntilTheNextBuildOrFlash() throws Exception {
        Path built = tmp.resolve("built");
        create(SINE, built, Map.of(), false);
        GeneratedProject.open(built).build(Map.of(), false, settings, log);
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);
        GeneratedProject project = GeneratedProject.open(dir);

        project.flash(options("image", built.resolve("build/main").toString()), settings, log);

        Path flashed = dir.resolve("build/flashed/main");
        assertThat(flashed).isExecutable().hasSameBinaryContentAs(built.resolve("build/main"));
        assertThat(dir.resolve("build/main")).doesNotExist();
        project.build(Map.of(), false, settings, log);
        assertThat(flashed).as("a build replaces what runs on the host").doesNotExist();
    }

    @Test
    void aGivenImageThatIsNoFileIsTheTemplatesError() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);

        assertThatThrownBy(() -> GeneratedProject.open(dir).flash(options("image", tmp.resolve("nope").toString()),
                settings, log))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("option image")
                .hasMessageContaining("is not a file");
    }

    @Test
    void theSameInputsAgainKeepTheProjectAsItIs() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, options("cflags", "-O1"), false);
        Path marker = Files.writeString(dir.resolve("user-notes.txt"), "mine");

        assertThat(create(SINE, dir, options("cflags", "-O1"), false)).isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);

        assertThat(marker).hasContent("mine");
        assertThat(logLines).anyMatch(l -> l.contains("is up to date"));
    }

    @Test
    void intBoolAndStrOptionsGivenAgainKeepTheProjectAndItsBuild() throws Exception {
        // the int is sent as a long node and read back from the record as an int node
        Path dir = tmp.resolve("project");
        Map<String, String> given = options("workspace_size_bytes", "4096", "verbose", "false", "cflags", "-O1");
        create(SINE, dir, given, false);
        GeneratedProject.open(dir).build(given, false, settings, log);
        logLines.clear();

        assertThat(create(SINE, dir, given, false)).isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);
        // respelled, the values are still the same
        GeneratedProject.open(dir).build(options("workspace_size_bytes", "+4096", "verbose", "FALSE", "cflags", "-O1"),
                false, settings, log);

        assertThat(logLines).anyMatch(l -> l.contains("is up to date: nothing changed since the last build"));
        assertThat(logLines).noneMatch(l -> l.contains("for this goal; the project was created with"));
        assertThat(logLines).noneMatch(l -> l.startsWith("INFO Build done"));
    }

    @Test
    void aChangedGenerateProjectOptionRegeneratesSayingWhyAndKeepsTheUsersFilesAside() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, options("workspace_size_bytes", "4096"), false);
        Path notes = Files.writeString(dir.resolve("user-notes.txt"), "mine");
        Path main = dir.resolve("src/main.c");
        Files.writeString(main, Files.readString(main) + "/* tuned by hand */\n");
        logLines.clear();

        assertThat(create(SINE, dir, options("workspace_size_bytes", "8192"), false))
                .isEqualTo(ProjectCreator.Outcome.REPLACED);

        assertThat(logLines).filteredOn(l -> l.startsWith("INFO Regenerating")).containsExactly("INFO Regenerating "
                + dir + ": it was made with the generate_project option workspace_size_bytes=4096, not 8192");
        Path replaced = tmp.resolve("project.replaced");
        assertThat(logLines).anyMatch(l -> l.startsWith("WARN 2 files of " + dir) && l.contains("src/main.c, user-notes.txt")
                && l.contains(replaced.toString()));
        assertThat(replaced.resolve("user-notes.txt")).hasContent("mine");
        assertThat(replaced.resolve("src/main.c")).content().contains("tuned by hand");
        assertThat(notes).doesNotExist();
        assertThat(main).content().doesNotContain("tuned by hand");
        assertThat(ProjectRecord.readFrom(dir).orElseThrow().resolvedOptions().get("workspace_size_bytes").asLong())
                .isEqualTo(8192);
        assertThat(stagingDirsIn(tmp)).isEmpty();
    }

    @Test
    void aReExportedModelAtTheSamePathRegeneratesWithoutForce() throws Exception {
        Path model = Files.copy(SINE, tmp.resolve("model.tar"));
        Path dir = tmp.resolve("project");
        create(model, dir, Map.of(), false);
        Files.copy(REPO.resolve("it/fixtures/conv_small.tar"), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        logLines.clear();

        assertThat(create(model, dir, Map.of(), false)).isEqualTo(ProjectCreator.Outcome.REPLACED);

        assertThat(logLines).contains("INFO Regenerating " + dir + ": its model model.tar changed since it"
                + " was created");
        assertThat(logLines).noneMatch(l -> l.startsWith("WARN")).as("nothing but generated files to replace");
        assertThat(ProjectRecord.readFrom(dir).orElseThrow().modelLibraryFormatDigest()).isEqualTo(Digests.sha256(model));
    }

    @Test
    void aChangedOptionTheBuildTakesRebuildsTheKeptProject() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, options("cflags", "-O1"), false);
        GeneratedProject.open(dir).build(options("cflags", "-O1"), false, settings, log);
        logLines.clear();

        assertThat(create(SINE, dir, options("cflags", "-O0"), false)).isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);
        GeneratedProject.open(dir).build(options("cflags", "-O0"), false, settings, log);

        assertThat(logLines).noneMatch(l -> l.contains("Regenerating"));
        assertThat(logLines).anyMatch(l -> l.startsWith("INFO Build done"));
        assertThat(Files.readString(dir.resolve("build/flags.stamp"))).contains("-O0");
    }

    @Test
    void changedInputsOutsideTheBuildOutputFailSayingWhatChangedAndTouchNothing() throws Exception {
        Path dir = tmp.resolve("src/project");
        Path target = tmp.resolve("target");
        var first = new ProjectCreator.Request(SINE, HOST, dir, options("cflags", "-O1", "workspace_size_bytes", "64"),
                false, "v", null, target);
        new ProjectCreator(settings, log).create(first);
        Path marker = Files.writeString(dir.resolve("user-notes.txt"), "mine");
        var changed = new ProjectCreator.Request(SINE, HOST, dir, options("workspace_size_bytes", "128"), false, "v",
                null, target);

        assertThatThrownBy(() -> new ProjectCreator(settings, log).create(changed))
                .isInstanceOfSatisfying(MicroTvmException.class, e -> assertThat(e.setting()).contains(Setting.FORCE))
                .hasMessageContaining("already exists")
                .hasMessageContaining("cflags=\"-O1\", not null")
                .hasMessageContaining("workspace_size_bytes=64, not 128")
                .hasMessageContaining("left untouched")
                .hasMessageContaining("outside the build output");
        assertThat(marker).hasContent("mine");
        assertThat(tmp.resolve("src/project.replaced")).doesNotExist();
    }

    @Test
    void optionsGenerateProjectDoesNotUseOrDefaultsSpelledOutKeepTheProject() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);

        // project_type=standalone is the declared default: generate_project sees the same typed value
        assertThat(create(SINE, dir, options("project_type", "standalone"), false))
                .isEqualTo(ProjectCreator.Outcome.UP_TO_DATE);
    }

    @Test
    void forceNeverReplacesAForeignDirOutsideTheOutputRoot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src/mine"));
        Files.writeString(dir.resolve("notes.txt"), "keep");
        var request = new ProjectCreator.Request(SINE, HOST, dir, Map.of(), true, "v", null, tmp.resolve("target"));

        assertThatThrownBy(() -> new ProjectCreator(settings, log).create(request))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("Refusing to replace")
                .hasMessageContaining("outside the build output");
        assertThat(dir.resolve("notes.txt")).hasContent("keep");
    }

    @Test
    void aDirNotMadeByCreateProjectIsNeverReplacedWithoutForce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "keep");

        assertThatThrownBy(() -> create(SINE, dir, Map.of(), false))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("was not made by create-project");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void forceReplacesTheProjectWithACompleteNewOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "old");

        assertThat(create(SINE, dir, Map.of(), true)).isEqualTo(ProjectCreator.Outcome.REPLACED);

        assertThat(dir.resolve("notes.txt")).doesNotExist();
        assertThat(ProjectRecord.existsIn(dir)).isTrue();
        assertThat(stagingDirsIn(tmp)).isEmpty();
    }

    @Test
    void aFailingGenerationLeavesNoProjectAndNoStagingDir() throws Exception {
        Path notAModel = tarWith(tmp.resolve("not-a-model.tar"), "hello.txt", "hi");
        Path dir = tmp.resolve("project");

        assertThatThrownBy(() -> create(notAModel, dir, Map.of(), false))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("generate_project");

        assertThat(dir).doesNotExist();
        assertThat(stagingDirsIn(tmp)).isEmpty();
    }

    @Test
    void aFailingForcedRecreationKeepsTheOldProject() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);
        Path marker = Files.writeString(dir.resolve("user-notes.txt"), "mine");
        Path notAModel = tarWith(tmp.resolve("not-a-model.tar"), "hello.txt", "hi");

        assertThatThrownBy(() -> create(notAModel, dir, Map.of(), true)).isInstanceOf(ServerErrorException.class);

        assertThat(marker).hasContent("mine");
        assertThat(ProjectRecord.readFrom(dir).orElseThrow().modelLibraryFormat()).isEqualTo(SINE.toString());
        assertThat(stagingDirsIn(tmp)).isEmpty();
    }

    @Test
    void invalidOptionsFailBeforeAnythingIsGenerated() throws Exception {
        Path dir = tmp.resolve("project");

        assertThatThrownBy(() -> create(SINE, dir, options("verbose", "yes", "cflagz", "-O3"), false))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("option 'verbose': given 'yes'")
                .hasMessageContaining("did you mean 'cflags'");

        assertThat(dir).doesNotExist();
        assertThat(stagingDirsIn(tmp)).isEmpty();
    }

    @Test
    void aMissingOrDirectoryModelNamesTheParameter() {
        assertThatThrownBy(() -> create(tmp.resolve("nope.tar"), tmp.resolve("p"), Map.of(), false))
                .isInstanceOfSatisfying(MicroTvmException.class, e -> assertThat(e.setting()).contains(Setting.MLF))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> create(tmp, tmp.resolve("p"), Map.of(), false))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("is not a file")
                .isInstanceOfSatisfying(MicroTvmException.class, e -> assertThat(e.setting()).contains(Setting.MLF));
        assertThatThrownBy(() -> create(null, tmp.resolve("p"), Map.of(), false))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("No model given");
    }

    @Test
    void aGeneratedProjectIsRefusedAsATemplate() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);
        Template notATemplate = new Template(null, dir, TemplateSource.USER);

        assertThatThrownBy(() -> new ProjectCreator(settings, log).create(
                new ProjectCreator.Request(SINE, notATemplate, tmp.resolve("other"), Map.of(), false, "v")))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("is a generated project, not a template");
    }

    @Test
    void buildIsIncrementalAndForceBuildsClean() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, settings, log);
        Path main = dir.resolve("build/main");
        FileTime old = Files.getLastModifiedTime(main);
        Path leftover = Files.writeString(dir.resolve("build/leftover.txt"), "x");

        project.build(Map.of(), false, settings, log);
        assertThat(Files.getLastModifiedTime(main)).as("nothing changed: not relinked").isEqualTo(old);

        project.build(Map.of(), true, settings, log);
        assertThat(leftover).as("force deletes the old build").doesNotExist();
        assertThat(Files.getLastModifiedTime(main)).isNotEqualTo(old);
    }

    @Test
    void anUnchangedProjectIsNotBuiltAgainButAnEditedSourceIs() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, settings, log);
        logLines.clear();

        project.build(Map.of(), false, settings, log);
        assertThat(logLines).anyMatch(l -> l.contains("is up to date: nothing changed since the last build"));
        assertThat(logLines).noneMatch(l -> l.startsWith("SERVER"));

        Files.writeString(dir.resolve("src/main.c"), Files.readString(dir.resolve("src/main.c")) + "\n/* edited */\n");
        logLines.clear();
        project.build(Map.of(), false, settings, log);
        assertThat(logLines).anyMatch(l -> l.startsWith("INFO Build done"));
    }

    @Test
    void optionsGivenAgainOverrideTheRecordAndTheChangeIsLogged() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, options("cflags", "-O2"), false);

        GeneratedProject.open(dir).build(options("cflags", "-O0"), false, settings, log);

        assertThat(logLines).contains(
                "INFO Option 'cflags' is '-O0' for this goal; the project was created with '-O2'");
        assertThat(Files.readString(dir.resolve("build/flags.stamp"))).contains("-O0");
    }

    @Test
    void aBuildErrorOfTheTemplateIsReportedWithItsCause() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);

        assertThatThrownBy(() -> GeneratedProject.open(dir).build(options("cflags", "--no-such-compiler-flag"), false, settings, log))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("build failed");
    }

    @Test
    void flashWithoutABuildAndGoalsWithoutAProjectSayWhatToRunFirst() throws Exception {
        Path dir = tmp.resolve("project");
        create(SINE, dir, Map.of(), false);

        assertThatThrownBy(() -> GeneratedProject.open(dir).flash(Map.of(), settings, log))
                .isInstanceOfSatisfying(MicroTvmException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.CONFIGURATION);
                    assertThat(e.missingStep()).contains(Step.BUILD);
                })
                .hasMessageContaining("Could not find a build");
        assertThatThrownBy(() -> GeneratedProject.open(tmp.resolve("none")))
                .isInstanceOfSatisfying(MicroTvmException.class, e -> {
                    assertThat(e.missingStep()).contains(Step.CREATE_PROJECT);
                    assertThat(e.setting()).contains(Setting.PROJECT_DIR);
                })
                .hasMessageContaining("No project at");
        assertThatThrownBy(() -> GeneratedProject.open(Files.createDirectories(tmp.resolve("plain"))))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("was not made by create-project");
    }

    /** An archive entry that would land outside the project: refused before anything is written. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dot-dot", "absolute", "symlink-out", "hardlink-out"})
    void anArchiveEntryPointingOutsideIsRefusedAndNothingIsWrittenOutside(String kind) throws Exception {
        Path outside = tmp.resolve("outside.txt");
        Path tar = tmp.resolve(kind + ".tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            putFile(out, "./metadata.json", "{\"version\": 7}");
            switch (kind) {
                case "dot-dot" -> putFile(out, "./codegen/../../outside.txt", "evil");
                case "absolute" -> putFile(out, outside.toString(), "evil");
                case "symlink-out" -> {
                    TarArchiveEntry link = new TarArchiveEntry("./codegen", TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(tmp.toString());
                    out.putArchiveEntry(link);
                    out.closeArchiveEntry();
                    putFile(out, "./codegen/outside.txt", "evil");
                }
                case "hardlink-out" -> {
                    TarArchiveEntry link = new TarArchiveEntry("./stolen", TarArchiveEntry.LF_LINK);
                    link.setLinkName("/etc/passwd");
                    out.putArchiveEntry(link);
                    out.closeArchiveEntry();
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        Path dir = tmp.resolve("project");

        assertThatThrownBy(() -> create(tar, dir, Map.of(), false))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("unsafe archive, nothing was extracted");

        assertThat(outside).doesNotExist();
        assertThat(dir).doesNotExist();
        assertThat(stagingDirsIn(tmp)).isEmpty();
    }

    private static void putFile(TarArchiveOutputStream out, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    private static Path tarWith(Path tar, String name, String content) throws IOException {
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(bytes.length);
            out.putArchiveEntry(e);
            out.write(bytes);
            out.closeArchiveEntry();
        }
        return tar;
    }
}
