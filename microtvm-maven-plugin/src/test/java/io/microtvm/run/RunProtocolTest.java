package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunProtocolTest {
    @TempDir
    Path dir;

    private GeneratedProject projectOfType(String type) throws Exception {
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        if (type != null) {
            resolved.put("project_type", type);
        }
        new ProjectRecord(1, "v", "host", "/t", "d", "/m.tar", "abc", Map.of(), resolved, "now").writeTo(dir);
        return GeneratedProject.open(dir);
    }

    @Test
    void autoFollowsTheProjectType() throws Exception {
        assertThat(RunProtocol.AUTO.resolve(projectOfType("standalone"))).isEqualTo(RunProtocol.STANDALONE);
        assertThat(RunProtocol.AUTO.resolve(projectOfType("host_driven"))).isEqualTo(RunProtocol.HOST_DRIVEN);
    }

    @Test
    void aForcedProtocolWinsOverTheProjectType() throws Exception {
        assertThat(RunProtocol.parse("host-driven").resolve(projectOfType("standalone")))
                .isEqualTo(RunProtocol.HOST_DRIVEN);
        assertThat(RunProtocol.parse("HOST_DRIVEN")).isEqualTo(RunProtocol.HOST_DRIVEN);
        assertThat(RunProtocol.parse(" standalone ")).isEqualTo(RunProtocol.STANDALONE);
    }

    @Test
    void anUnknownProjectTypeAsksForTheParameter() throws Exception {
        GeneratedProject project = projectOfType("aot_standalone_demo");
        assertThatThrownBy(() -> RunProtocol.AUTO.resolve(project))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.PROTOCOL))
                .hasMessageContaining("project_type=aot_standalone_demo");
    }

    static final Path FIXTURES = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize()
            .resolve("it/fixtures");

    /** The info lines of a run, in a list. */
    private static BuildLog infoTo(List<String> lines) {
        return new BuildLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { lines.add(m); }
            @Override public void warn(String m) { lines.add("WARN " + m); }
            @Override public void error(String m) { lines.add("ERROR " + m); }
        };
    }

    /** A project of a template without project_type (TVM's crt) holding a copy of {@code fixture} as model.tar. */
    private GeneratedProject projectWithoutTypeOf(String fixture) throws Exception {
        new ProjectRecord(1, "v", "crt", "/t", "d", "/elsewhere/m.tar", "abc", Map.of(),
                JsonNodeFactory.instance.objectNode().put("verbose", false), "now").writeTo(dir);
        if (fixture != null) {
            Files.copy(FIXTURES.resolve(fixture), dir.resolve("model.tar"));
        }
        return GeneratedProject.open(dir);
    }

    @Test
    void withoutProjectTypeAnAotMlfWithTheCInterfaceIsStandaloneAndTheLogSaysWhy() throws Exception {
        List<String> log = new ArrayList<>();
        assertThat(RunProtocol.AUTO.resolve(projectWithoutTypeOf("mlp_int8.tar"), infoTo(log)))
                .isEqualTo(RunProtocol.STANDALONE);
        assertThat(log).singleElement().asString().contains("no project_type").contains(dir.resolve("model.tar").toString())
                .contains("C interface").contains("tvmgen_default.h");
    }

    @Test
    void withoutProjectTypeAPackedSystemLibAotMlfIsHostDriven() throws Exception {
        List<String> log = new ArrayList<>();
        assertThat(RunProtocol.AUTO.resolve(projectWithoutTypeOf("mlp_int8_aot_hd.tar"), infoTo(log)))
                .isEqualTo(RunProtocol.HOST_DRIVEN);
        assertThat(log).singleElement().asString().contains("packed API").contains("system library");
    }

    @Test
    void withoutProjectTypeAGraphMlfIsHostDriven() throws Exception {
        List<String> log = new ArrayList<>();
        assertThat(RunProtocol.AUTO.resolve(projectWithoutTypeOf("mlp_int8_graph.tar"), infoTo(log)))
                .isEqualTo(RunProtocol.HOST_DRIVEN);
        assertThat(log).singleElement().asString().contains("graph executor");
    }

    @Test
    void aForcedProtocolNeedsNoMlf() throws Exception {
        assertThat(RunProtocol.STANDALONE.resolve(projectWithoutTypeOf(null))).isEqualTo(RunProtocol.STANDALONE);
    }

    @Test
    void withoutProjectTypeOrMlfTheErrorSaysWhereItLookedAndNamesTheParameter() throws Exception {
        GeneratedProject project = projectWithoutTypeOf(null);
        assertThatThrownBy(() -> RunProtocol.AUTO.resolve(project))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.PROTOCOL))
                .hasMessageContaining("no project_type").hasMessageContaining("model.tar")
                .hasMessageContaining("/elsewhere/m.tar");
    }
}
