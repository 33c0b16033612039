package io.microtvm.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.BuildLog;
import io.microtvm.Setting;
import io.microtvm.project.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile with a real Python and the FAKE tvm package of src/test/resources/fake-tvm (TVM cannot
 * be installed here): the arguments tvmc gets, the MLF put in place, the record, the up-to-date
 * decision, and the failures (no TVM, tvmc failing, hanging, writing garbage).
 */
class ModelCompilerTest {

    private static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    private static final Path FAKE_TVM = REPO.resolve("microtvm-maven-plugin/src/test/resources/fake-tvm");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path model;
    private Path calls;
    private Path out;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { infos.add(message); }
        @Override public void warn(String message) { warnings.add(message); }
        @Override public void error(String message) { }
    };

    @BeforeEach
    void setUp() throws IOException {
        model = Files.writeString(dir.resolve("sine.tflite"), "model bytes read only by the fake tvmc\n");
        calls = dir.resolve("calls.jsonl");
        out = dir.resolve("target/microtvm/project.compiled");
        env.put("PYTHONPATH", FAKE_TVM.toString());
        env.put("FAKE_TVMC_CALLS", calls.toString());
        env.put("FAKE_TVMC_FIXTURES", REPO.resolve("example/model") + ":" + REPO.resolve("it/fixtures"));
    }

    private CompileSettings settings(ProjectKind kind, Map<String, String> options) throws CompileException {
        return CompileSettings.resolve(new BoardDefaults.Choice("c -mcpu=cortex-m4", kind, "test", Optional.empty()),
                TvmcOptions.parse(options), null, List.of(), BuildLog.NONE);
    }

    private Path compile(CompileSettings settings, boolean force) throws Exception {
        return compile(settings, force, Duration.ofSeconds(60));
    }

    private Path compile(CompileSettings settings, boolean force, Duration deadline) throws Exception {
        return new ModelCompiler(log).compile(new ModelCompiler.Request(model, ModelFormat.TFLITE, settings, "platform test", out,
                "python3", env, dir, Duration.ofSeconds(30), deadline, force, "test-version"));
    }

    private List<JsonNode> calls() throws IOException {
        if (!Files.exists(calls)) {
            return List.of();
        }
        List<JsonNode> list = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            list.add(JSON.readTree(line));
        }
        return list;
    }

    private static JsonNode json(String singleQuoted) throws IOException {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    private static List<String> argv(JsonNode call) {
        List<String> argv = new ArrayList<>();
        call.get("argv").forEach(a -> argv.add(a.asText()));
        return argv;
    }

    private void assertNoStagingLeft() throws IOException {
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.startsWith("."));
        }
    }

    @Test
    void compilesIntoTheMlfAndRecordsWhatItWasMadeFrom() throws Exception {
        Path mlf = compile(settings(ProjectKind.STANDALONE, Map.of()), false);

        assertThat(mlf).isEqualTo(out.resolve("model.tar"));
        // the fake copies the fixture a real compile with these settings would produce
        assertThat(Digests.sha256(mlf)).isEqualTo(Digests.sha256(REPO.resolve("example/model/sine.tar")));
        assertThat(calls()).singleElement().satisfies(call -> {
            List<String> argv = argv(call);
            assertThat(argv.subList(0, 1)).containsExactly("compile");
            assertThat(argv).contains("--target=c -mcpu=cortex-m4", "--executor=aot", "--executor-aot-interface-api=c",
                    "--executor-aot-unpacked-api=1", "--runtime=crt", "--model-format=tflite", "--output-format=mlf");
            assertThat(argv.get(argv.size() - 1)).isEqualTo(model.toString());
            // written beside the destination, then moved into place
            assertThat(argv).anyMatch(a -> a.startsWith("--output=" + out.resolve(".model.tar.")));
            assertThat(call.get("cwd").asText()).isEqualTo(dir.toRealPath().toString());
            // what TVM 0.18's tvmc builds from them: the standalone settings of fixtures/mlf/PROVENANCE.md
            assertThat(call.get("executor")).isEqualTo(json("{'name': 'aot', 'options': {'interface-api': 'c', 'unpacked-api': true}}"));
            assertThat(call.get("runtime")).isEqualTo(json("{'name': 'crt', 'options': {}}"));
            assertThat(call.get("passConfig")).isEqualTo(json("{'tir.disable_vectorize': '1', 'tir.usmp.enable': '1'}"));
        });
        CompileRecord record = CompileRecord.readFrom(out).orElseThrow();
        assertThat(record.modelDigest()).isEqualTo(Digests.sha256(model));
        assertThat(record.mlfDigest()).isEqualTo(Digests.sha256(mlf));
        assertThat(record.tvmVersion()).isEqualTo("0.18.0");
        assertThat(record.tvmLocation()).startsWith(FAKE_TVM.toString());
        assertThat(record.modelFormat()).isEqualTo("tflite");
        assertThat(record.settings().get("flags").get("executor-aot-unpacked-api").asBoolean()).isTrue();
        assertThat(record.command()).contains("tvm.driver.tvmc", "compile");
        assertNoStagingLeft();
        assertThat(warnings).isEmpty();
        assertThat(infos).anyMatch(l -> l.startsWith("With TVM 0.18.0 (" + FAKE_TVM) && l.contains("the settings for platform test:"
                + " target 'c -mcpu=cortex-m4', executor aot (interface-api c, unpacked-api true), runtime crt"));
    }

    @Test
    void theSameModelAndSettingsAreUpToDateWithoutStartingTvm() throws Exception {
        compile(settings(ProjectKind.STANDALONE, Map.of()), false);
        infos.clear();
        // no TVM at all now: an up-to-date check that started Python would fail
        env.put("PYTHONPATH", dir.resolve("no-tvm-here").toString());

        compile(settings(ProjectKind.STANDALONE, Map.of()), false);

        assertThat(calls()).hasSize(1);
        assertThat(infos).singleElement().asString().contains("is up to date with sine.tflite", "TVM not started");
    }

    @Test
    void aChangedModelSettingOrMlfCompilesAgain() throws Exception {
        compile(settings(ProjectKind.STANDALONE, Map.of()), false);

        compile(settings(ProjectKind.HOST_DRIVEN, Map.of()), false);
        assertThat(calls()).hasSize(2);
        assertThat(argv(calls().get(1))).contains("--executor-aot-interface-api=packed", "--runtime-crt-system-lib=1");
        // unpacked-api false, as TVM's default: "=0" would have been read as true by TVM 0.18's tvmc
        assertThat(calls().get(1).get("executor")).isEqualTo(json("{'name': 'aot', 'options': {'interface-api': 'packed'}}"));
        assertThat(calls().get(1).get("runtime")).isEqualTo(json("{'name': 'crt', 'options': {'system-lib': true}}"));
        assertThat(Digests.sha256(out.resolve("model.tar"))).isEqualTo(Digests.sha256(REPO.resolve("it/fixtures/sine_aot_hd.tar")));
        assertThat(infos).anyMatch(l -> l.contains("the compile settings changed"));

        Files.writeString(model, "another model\n");
        compile(settings(ProjectKind.HOST_DRIVEN, Map.of()), false);
        assertThat(calls()).hasSize(3);
        assertThat(infos).anyMatch(l -> l.contains("the model changed"));

        Files.writeString(out.resolve("model.tar"), "edited by hand");
        compile(settings(ProjectKind.HOST_DRIVEN, Map.of()), false);
        assertThat(calls()).hasSize(4);
        assertThat(infos).anyMatch(l -> l.contains("was changed since it was compiled"));

        compile(settings(ProjectKind.HOST_DRIVEN, Map.of()), true);
        assertThat(calls()).hasSize(5);
    }

    @Test
    void reasonsToCompileWhenTheRecordOrTheMlfIsMissing() throws Exception {
        CompileSettings s = settings(ProjectKind.STANDALONE, Map.of());
        assertThat(ModelCompiler.reasonsToCompile(Optional.empty(), "d", ModelFormat.TFLITE, s, out.resolve("model.tar")))
                .containsExactly("no previous compile");
        compile(s, false);
        Files.delete(out.resolve("model.tar"));
        assertThat(ModelCompiler.reasonsToCompile(CompileRecord.readFrom(out), Digests.sha256(model), ModelFormat.ONNX, s,
                out.resolve("model.tar"))).containsExactly("the model format changed from tflite", "the MLF model.tar is missing");
    }

    @Test
    void withoutTvmTheErrorSaysWhereToGetItAndThatAnMlfNeedsNone() throws Exception {
        env.put("PYTHONPATH", dir.resolve("no-tvm-here").toString());
        assertThatThrownBy(() -> compile(settings(ProjectKind.STANDALONE, Map.of()), false))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining("TVM cannot be imported by the Python interpreter 'python3'")
                .hasMessageContaining("(python, setting python; PYTHONPATH")
                .hasMessageContaining("PYTHONPATH '" + dir.resolve("no-tvm-here") + "'")
                .hasMessageContaining("ModuleNotFoundError: No module named 'tvm'")
                .hasMessageContaining("A precompiled MLF needs no TVM: set mlf");
        assertThat(calls()).isEmpty();
        assertThat(out.resolve("model.tar")).doesNotExist();
    }

    @Test
    void aBrokenTvmInstallIsReportedWithItsImportError() {
        env.put("FAKE_TVM_IMPORT_ERROR", "libtvm.so: cannot open shared object file");
        assertThatThrownBy(() -> compile(settings(ProjectKind.STANDALONE, Map.of()), false))
                .hasMessageContaining("ImportError: libtvm.so: cannot open shared object file")
                .hasMessageContaining("TVM_LIBRARY_PATH");
    }

    @Test
    void aMissingInterpreterIsNamed() {
        assertThatThrownBy(() -> new ModelCompiler(log).compile(new ModelCompiler.Request(model, ModelFormat.TFLITE,
                settings(ProjectKind.STANDALONE, Map.of()), "platform test", out, "python-that-is-not-there", env, dir,
                Duration.ofSeconds(30), Duration.ofSeconds(30), false, "v")))
                .hasMessageContaining("'python-that-is-not-there'").hasMessageContaining("cannot be run")
                .hasMessageContaining("Set python to a Python 3 that imports tvm");
    }

    @Test
    void aTvmOutsideTheTestedVersionsIsWarnedAbout() throws Exception {
        env.put("FAKE_TVM_VERSION", "0.12.0");
        compile(settings(ProjectKind.STANDALONE, Map.of("executor-aot-link-params", "false")), false);
        assertThat(warnings).singleElement().asString().contains("TVM 0.12.0 is outside", "0.13 to 0.18");
        // and its tvmc (int-typed bool options) is given false as 0
        assertThat(argv(calls().get(0))).contains("--executor-aot-link-params=0");
        assertThat(calls().get(0).get("executor").get("options").get("link-params").asInt()).isZero();
    }

    @Test
    void aFalseWhoseDefaultIsTrueReachesTvm018AsFalse() throws Exception {
        compile(settings(ProjectKind.STANDALONE, Map.of("executor-aot-link-params", "false")), false);
        assertThat(argv(calls().get(0))).contains("--executor-aot-link-params=");
        assertThat(calls().get(0).get("executor")).isEqualTo(
                json("{'name': 'aot', 'options': {'interface-api': 'c', 'unpacked-api': true, 'link-params': false}}"));
    }

    @Test
    void theGraphExecutorForAHostDrivenProject() throws Exception {
        Path mlf = compile(settings(ProjectKind.HOST_DRIVEN, Map.of("executor", "graph")), false);
        assertThat(calls().get(0).get("executor")).isEqualTo(json("{'name': 'graph', 'options': {}}"));
        assertThat(calls().get(0).get("runtime")).isEqualTo(json("{'name': 'crt', 'options': {'system-lib': true}}"));
        assertThat(calls().get(0).get("passConfig")).isEqualTo(json("{'tir.disable_vectorize': '1'}"));
        assertThat(Digests.sha256(mlf)).isEqualTo(Digests.sha256(REPO.resolve("it/fixtures/sine_graph.tar")));
    }

    @Test
    void aFailingCompileShowsTheCommandAndItsOutputAndKeepsThePreviousMlf() throws Exception {
        Path mlf = compile(settings(ProjectKind.STANDALONE, Map.of()), false);
        String before = Digests.sha256(mlf);
        env.put("FAKE_TVMC_MODE", "fail");

        assertThatThrownBy(() -> compile(settings(ProjectKind.HOST_DRIVEN, Map.of()), false))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining("tvmc compile failed (exit status 4)")
                .hasMessageContaining("Command: python3 -m tvm.driver.tvmc compile")
                .hasMessageContaining("--executor-aot-interface-api=packed")
                // quoted as a shell needs it, so the command can be pasted to try it by hand
                .hasMessageContaining(" '--target=c -mcpu=cortex-m4' ")
                .hasMessageContaining("fake tvmc: compiling")
                .hasMessageContaining("Error: fake tvmc was told to fail");
        assertThat(Digests.sha256(mlf)).isEqualTo(before);
        assertThat(CompileRecord.readFrom(out).orElseThrow().mlfDigest()).isEqualTo(before);
        assertNoStagingLeft();
    }

    @Test
    void aHangingCompileIsKilledWithItsChildrenAtItsDeadline() throws Exception {
        env.put("FAKE_TVMC_MODE", "hang");
        assertThatThrownBy(() -> compile(settings(ProjectKind.STANDALONE, Map.of()), false, Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(CompileException.class,
                        e -> assertThat(e.setting()).contains(Setting.TIMEOUT))
                .hasMessageContaining("did not finish within 3 s (the timeout)")
                .hasMessageContaining("killed it and everything it started");
        JsonNode hanging = calls().stream().filter(c -> c.has("hanging")).findFirst().orElseThrow().get("hanging");
        for (JsonNode pid : hanging) {
            assertThat(ProcessHandle.of(pid.asLong()).filter(ProcessHandle::isAlive)).as("pid %s", pid).isEmpty();
        }
        assertThat(out.resolve("model.tar")).doesNotExist();
        assertNoStagingLeft();
    }

    @Test
    void anOutputThatIsNoMlfIsRefused() throws Exception {
        env.put("FAKE_TVMC_MODE", "garbage");
        assertThatThrownBy(() -> compile(settings(ProjectKind.STANDALONE, Map.of()), false))
                .hasMessageContaining("not a Model Library Format archive");
        assertThat(out.resolve("model.tar")).doesNotExist();
        assertThat(CompileRecord.readFrom(out)).isEmpty();
    }

    @Test
    void aMissingModelNamesTheParameter() throws Exception {
        Files.delete(model);
        assertThatThrownBy(() -> compile(settings(ProjectKind.STANDALONE, Map.of()), false))
                .hasMessageContaining("sine.tflite does not exist.")
                .isInstanceOfSatisfying(CompileException.class, e -> assertThat(e.setting()).contains(Setting.MODEL));
    }
}
