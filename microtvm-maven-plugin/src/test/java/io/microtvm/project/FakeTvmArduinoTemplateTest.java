package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.options.OptionTypeCorrections;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TVM v0.18's Arduino template as the plugin meets it, through a fake of its server
 * ({@code servers/fake-arduino-v0.18}: the real server_info_query reply, the real use of
 * standalone_crt_dir, and a record of every request it receives). Covers the known-declarations table
 * end to end ({@code port=/dev/ttyACM0} reaches flash as a string) and where the standalone CRT comes from
 * for a template outside a TVM build.
 */
class FakeTvmArduinoTemplateTest {
    static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    static final Path KWS_AOT_HD = REPO.resolve("it/fixtures/mlperf/kws_aot_hd.tar");
    static final Path KWS_GRAPH = REPO.resolve("it/fixtures/mlperf/kws_graph.tar");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    final List<String> logLines = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { }
        @Override public void info(String m) { logLines.add(m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { logLines.add("ERROR " + m); }
    };

    ServerSettings settings(Map<String, String> optionTypes) {
        return new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(60), line -> { },
                OptionTypeCorrections.of(optionTypes, logLines::add));
    }

    /** The fake template, copied where no TVM build is around it (Maven keeps no execute bits on resources). */
    Template fakeArduino() throws Exception {
        Path source;
        try {
            source = Path.of(getClass().getResource("/servers/fake-arduino-v0.18").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path dir = Files.createDirectories(tmp.resolve("templates/arduino"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path copy = dir.resolve(f.getFileName().toString());
                Files.copy(f, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return new Template(null, dir, TemplateSource.USER);
    }

    static Map<String, String> options(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<JsonNode> received(Path serverDir, String method) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(serverDir.resolve("received.jsonl"))) {
            JsonNode request = JSON.readTree(line);
            if (request.get("method").asText().equals(method)) {
                out.add(request.get("params"));
            }
        }
        return out;
    }

    TemplateLocator noTvm() throws java.io.IOException {
        return new TemplateLocator(BundledTemplates.fromPluginClasspath(), tmp.resolve("bundled"), Optional.empty());
    }

    @Test
    void portReachesTheArduinoServerAsADevicePathAndCompileDefinitionsAsAList() throws Exception {
        Template arduino = fakeArduino();
        Path dir = tmp.resolve("target/project");
        Path crt = StandaloneCrtSource.choose(null, noTvm(), arduino, KWS_AOT_HD, tmp.resolve("target/crt"), log).dir();
        ServerSettings settings = settings(null);
        new ProjectCreator(settings, log).create(new ProjectCreator.Request(KWS_AOT_HD, arduino, dir,
                options("board", "due", "project_type", "host_driven", "arduino_cli_cmd", "arduino-cli",
                        "compile_definitions", "-DTH_MODEL_VERSION=1 -DMAX_DB_INPUT_SIZE=490"),
                false, "test", crt, tmp.resolve("target")));
        // generate_project got the list the server iterates
        assertThat(Files.readString(dir.resolve("build_extra_flags.json")))
                .isEqualTo("[\"-DTH_MODEL_VERSION=1\", \"-DMAX_DB_INPUT_SIZE=490\"]");

        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, settings, log);
        project.flash(options("port", "/dev/ttyACM0"), settings, log);

        JsonNode flash = received(dir, "flash").get(0).get("options");
        assertThat(flash.get("port").isTextual()).isTrue();
        assertThat(flash.get("port").textValue()).isEqualTo("/dev/ttyACM0");
        assertThat(logLines).anyMatch(l -> l.contains("Option 'port' of TVM's arduino template is declared int"));
    }

    @Test
    void optionTypesCanPutTheDeclaredTypeBackAndThenThePathIsRefusedBeforeAnyCall() throws Exception {
        Template arduino = fakeArduino();
        Path dir = tmp.resolve("target/project");
        Path crt = StandaloneCrtSource.choose(null, noTvm(), arduino, KWS_AOT_HD, tmp.resolve("target/crt"), log).dir();
        new ProjectCreator(settings(null), log).create(new ProjectCreator.Request(KWS_AOT_HD, arduino, dir,
                options("board", "due", "project_type", "host_driven", "arduino_cli_cmd", "arduino-cli"),
                false, "test", crt, tmp.resolve("target")));
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, settings(null), log);
        assertThatThrownBy(() -> project.flash(options("port", "/dev/ttyACM0"), settings(Map.of("port", "int")), log))
                .hasMessageContaining("option 'port'").hasMessageContaining("expected an int");
        assertThat(received(dir, "flash")).isEmpty();
    }

    @Test
    void aTemplateOutsideATvmBuildGetsTheMlfsOwnRuntime() throws Exception {
        Template arduino = fakeArduino();
        Path extractTo = tmp.resolve("target/microtvm/.standalone_crt/project");
        StandaloneCrtSource.Chosen chosen = StandaloneCrtSource.choose(null, noTvm(), arduino, KWS_AOT_HD, extractTo,
                log);
        Path crt = chosen.dir();
        assertThat(crt).isEqualTo(extractTo);
        assertThat(chosen.extracted()).isTrue();
        assertThat(crt.resolve("include/tvm/runtime/c_runtime_api.h")).isRegularFile();
        assertThat(crt.resolve("src/runtime/crt/common/crt_runtime_api.c")).isRegularFile();
        assertThat(logLines).anyMatch(l -> l.contains("the runtime/ of kws_aot_hd.tar") && l.contains(extractTo.toString()));

        // and the template's generate_project, which copies include/ and src/ from it, works
        Path dir = tmp.resolve("target/project");
        new ProjectCreator(settings(null), log).create(new ProjectCreator.Request(KWS_AOT_HD, arduino, dir,
                options("board", "due", "project_type", "host_driven", "arduino_cli_cmd", "arduino-cli"),
                false, "test", crt, tmp.resolve("target")));
        assertThat(dir.resolve("src/standalone_crt/include/tvm/runtime/c_runtime_api.h")).isRegularFile();
        assertThat(received(arduino.dir(), "generate_project").get(0).get("standalone_crt_dir").asText())
                .isEqualTo(crt.toString());
        // the project has its own copy: the extraction goes once the call is done
        chosen.close();
        assertThat(extractTo).doesNotExist();
    }

    @Test
    void withoutAnyCrtCreateProjectFailsBeforeTheCallNamingTheParameterAndWhereItLooked() throws Exception {
        Template arduino = fakeArduino();
        assertThatThrownBy(() -> StandaloneCrtSource.choose(null, noTvm(), arduino, KWS_GRAPH,
                tmp.resolve("target/crt"), log))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("standaloneCrtDir: not set")
                .hasMessageContaining(arduino.dir() + " is not in one")
                .hasMessageContaining(KWS_GRAPH + ": has no runtime/");
        assertThat(arduino.dir().resolve("received.jsonl")).doesNotExist();
    }

    @Test
    void aGivenDirWinsAndATemplateInsideATvmBuildUsesItsStandaloneCrt() throws Exception {
        Path given = tmp.resolve("my-crt");
        assertThat(StandaloneCrtSource.choose(given, noTvm(), fakeArduino(), KWS_GRAPH, tmp.resolve("x"), log))
                .isEqualTo(new StandaloneCrtSource.Chosen(given.toAbsolutePath(), false));
        // a templateDir inside a TVM build: microtvm_template_projects/arduino beside standalone_crt
        Path build = tmp.resolve("tvm/build");
        Path templateDir = Files.createDirectories(build.resolve("microtvm_template_projects/arduino"));
        Files.createDirectories(build.resolve("standalone_crt"));
        Template inTvm = new Template(null, templateDir, TemplateSource.USER);
        assertThat(StandaloneCrtSource.choose(null, noTvm(), inTvm, KWS_GRAPH, tmp.resolve("x"), log).dir())
                .isEqualTo(build.resolve("standalone_crt").toAbsolutePath().normalize());
        // bundled templates find the CRT in the MLF themselves
        Template bundled = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);
        assertThat(StandaloneCrtSource.choose(null, noTvm(), bundled, KWS_GRAPH, tmp.resolve("x"), log).dir()).isNull();
    }
}
