package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectException;
import io.microtvm.project.ProjectRecord;
import java.nio.file.Path;
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
        GeneratedProject project = projectOfType(null);
        assertThatThrownBy(() -> RunProtocol.AUTO.resolve(project))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("project_type=null")
                .hasMessageContaining("microtvm.protocol");
    }
}
