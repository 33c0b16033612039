package io.microtvm.run.hostdriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.projectapi.ServerErrorException;
import io.microtvm.rpc.HostDrivenFirmware;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate_project of the qemu-arm template with project_type=host_driven, through the real template server
 * (no cross-compiler needed): the CRT comes from the MLF or standalone_crt_dir exactly as on the host template,
 * and the CRT's memory pool fits the board. The firmware's runs are in it/qemu-arm-host-driven.
 */
class QemuArmHostDrivenProjectTest {
    static final Template QEMU_ARM = new Template("qemu-arm", HostDrivenFirmware.REPO.resolve("templates/qemu-arm"),
            TemplateSource.BUNDLED);

    @TempDir
    Path tmp;

    private void create(String fixture, Path dir, Map<String, String> options) throws Exception {
        new ProjectCreator(HostDrivenFirmware.SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(
                HostDrivenFirmware.FIXTURES.resolve(fixture + ".tar"), QEMU_ARM, dir, options, false, "test"));
    }

    @Test
    void aGraphModelWithoutStandaloneCrtGivesTheHostTemplatesErrorAndNoProject() {
        Path dir = tmp.resolve("no_crt");
        assertThatThrownBy(() -> create("sine_graph", dir, Map.of("project_type", "host_driven")))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("host_driven needs TVM's standalone CRT sources")
                .hasMessageContaining("sine_graph.tar's runtime/")
                .hasMessageContaining("standalone_crt_dir (not given)")
                .hasMessageContaining("microtvm.standaloneCrtDir");
        assertThat(dir).doesNotExist();
    }

    @Test
    void anAotModelBuildsFromItsOwnRuntimeWithTheCrtServerAndADefaultPoolThatFitsTheBoard() throws Exception {
        Path an385 = tmp.resolve("an385");
        Path an547 = tmp.resolve("an547");
        create("sine_aot_hd", an385, Map.of("project_type", "host_driven", "board", "mps2-an385"));
        create("sine_aot_hd", an547, Map.of("project_type", "host_driven", "board", "mps3-an547"));

        String mk385 = Files.readString(an385.resolve("project.mk"));
        assertThat(mk385).contains("CRT_DIR := model/runtime", "microtvm_rpc_server", "graph_executor_module",
                "WORKSPACE_SIZE_BYTES := 2097152", "-mcpu=cortex-m3");
        // 512 KiB of DTCM: half of it, not TVM's 2 MiB
        assertThat(Files.readString(an547.resolve("project.mk"))).contains("WORKSPACE_SIZE_BYTES := 262144");
        // the memory hooks are the host template's, copied; the board hooks are qemu-arm's own
        assertThat(an385.resolve("src/rpc_memory.c")).hasSameTextualContentAs(
                HostDrivenFirmware.REPO.resolve("templates/host/src/rpc_memory.c"));
        assertThat(an385.resolve("src/rpc_board.c")).exists();
        assertThat(an385.resolve("src/standalone_main.c")).doesNotExist();
        assertThat(an385.resolve("crt")).doesNotExist();
    }

    @Test
    void workspaceSizeBytesSizesThePool() throws Exception {
        Path dir = tmp.resolve("pool");
        create("mlp_int8_aot_hd", dir, Map.of("project_type", "host_driven", "workspace_size_bytes", "65536"));
        assertThat(Files.readString(dir.resolve("project.mk"))).contains("WORKSPACE_SIZE_BYTES := 65536");
    }
}
