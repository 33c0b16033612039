package io.microtvm.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The table from platform, board and project type to the target and project kind. */
class BoardDefaultsTest {

    private static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath();

    private static BoardDefaults.Choice choose(String platform, String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return BoardDefaults.forTemplate(platform, false, map);
    }

    @Test
    void hostIsPortableCStandaloneByDefaultAndHostDrivenOnRequest() {
        BoardDefaults.Choice standalone = choose("host");
        assertThat(standalone.target()).isEqualTo("c");
        assertThat(standalone.kind()).isEqualTo(ProjectKind.STANDALONE);
        assertThat(standalone.warning()).isEmpty();
        assertThat(standalone.basis()).isEqualTo("platform host, project_type standalone");

        BoardDefaults.Choice hostDriven = choose("host", "project_type", "host_driven");
        assertThat(hostDriven.target()).isEqualTo("c");
        assertThat(hostDriven.kind()).isEqualTo(ProjectKind.HOST_DRIVEN);
        assertThat(hostDriven.warning()).isEmpty();
    }

    @Test
    void everyQemuArmBoardOfTheTemplateGetsItsCoreAsMcpu() throws Exception {
        // the template's own board table is the source of truth: a board added there must be added here
        String boardsPy = Files.readString(REPO.resolve("templates/qemu-arm/boards.py"));
        Matcher m = Pattern.compile("Board\\(\"([^\"]+)\", \"[^\"]+\", \\(\"-mcpu=([^\"]+)\"").matcher(boardsPy);
        Map<String, String> templateBoards = new LinkedHashMap<>();
        while (m.find()) {
            templateBoards.put(m.group(1), m.group(2));
        }
        assertThat(templateBoards).hasSize(4).containsEntry("mps2-an385", "cortex-m3")
                .containsEntry("mps2-an386", "cortex-m4").containsEntry("mps2-an500", "cortex-m7")
                .containsEntry("mps3-an547", "cortex-m55");
        for (var board : templateBoards.entrySet()) {
            for (String type : new String[] {"standalone", "host_driven"}) {
                BoardDefaults.Choice c = choose("qemu-arm", "board", board.getKey(), "project_type", type);
                assertThat(c.target()).as(board.getKey()).isEqualTo("c -mcpu=" + board.getValue());
                assertThat(c.kind()).isEqualTo(type.equals("standalone") ? ProjectKind.STANDALONE : ProjectKind.HOST_DRIVEN);
                assertThat(c.warning()).isEmpty();
                assertThat(c.basis()).isEqualTo("platform qemu-arm, board " + board.getKey() + ", project_type " + type);
            }
        }
        assertThat(BoardDefaults.table().stream().filter(r -> r.platform().equals("qemu-arm")).map(BoardDefaults.Row::board)
                .distinct()).containsExactlyElementsOf(templateBoards.keySet());
    }

    @Test
    void qemuArmWithoutBoardUsesTheTemplatesDefaultBoard() {
        assertThat(choose("qemu-arm").target()).isEqualTo("c -mcpu=cortex-m4");
        assertThat(choose("qemu-arm").warning()).isEmpty();
    }

    @Test
    void tvmsCrtTemplateIsHostDrivenPortableC() {
        BoardDefaults.Choice crt = choose("crt");
        assertThat(crt.target()).isEqualTo("c");
        assertThat(crt.kind()).isEqualTo(ProjectKind.HOST_DRIVEN);
        assertThat(crt.warning()).isEmpty();
    }

    @Test
    void zephyrAndArduinoBoardsGetTvmsOwnMicroTargets() {
        // tvm.target.target.micro(model) of TVM v0.18.0 for the model each template's boards.json names
        assertThat(choose("zephyr", "board", "nucleo_f746zg", "project_type", "aot_standalone_demo").target())
                .isEqualTo("c -mcpu=cortex-m7 -march=armv7e-m -model=stm32f746xx");
        assertThat(choose("zephyr", "board", "qemu_x86", "project_type", "host_driven").target()).isEqualTo("c -model=host");
        assertThat(choose("zephyr", "board", "mps3_an547", "project_type", "mlperftiny").kind()).isEqualTo(ProjectKind.STANDALONE);
        assertThat(choose("zephyr", "board", "mps3_an547", "project_type", "host_driven").kind()).isEqualTo(ProjectKind.HOST_DRIVEN);
        assertThat(choose("arduino", "board", "nano33ble", "project_type", "example_project").target())
                .isEqualTo("c -mcpu=cortex-m4+nodsp -model=nrf52840");
        assertThat(choose("arduino", "board", "due", "project_type", "host_driven").target())
                .isEqualTo("c -mcpu=cortex-m3 -model=sam3x8e");
        assertThat(choose("arduino", "board", "due", "project_type", "host_driven").warning()).isEmpty();
    }

    @Test
    void everyRowOfTheTableIsWhatForTemplateChooses() {
        assertThat(BoardDefaults.table()).hasSizeGreaterThan(40);
        for (BoardDefaults.Row row : BoardDefaults.table()) {
            Map<String, String> options = new LinkedHashMap<>();
            if (!row.board().isEmpty()) {
                options.put("board", row.board());
            }
            if (!row.projectType().isEmpty()) {
                options.put("project_type", row.projectType());
            }
            BoardDefaults.Choice c = BoardDefaults.forTemplate(row.platform(), false, options);
            assertThat(c.target()).as(row.toString()).isEqualTo(row.target());
            assertThat(c.kind()).as(row.toString()).isEqualTo(row.kind());
            assertThat(c.warning()).as(row.toString()).isEmpty();
            assertThat(row.target()).as(row.toString()).startsWith("c");
        }
    }

    @Test
    void unknownBoardsAndTemplatesGetTheGenericSettingsWithAWarning() {
        BoardDefaults.Choice unknownBoard = choose("zephyr", "board", "my_custom_board", "project_type", "host_driven");
        assertThat(unknownBoard.target()).isEqualTo("c");
        assertThat(unknownBoard.kind()).isEqualTo(ProjectKind.HOST_DRIVEN);
        assertThat(unknownBoard.warning()).get().asString().contains("board 'my_custom_board'", "nucleo_f746zg",
                "generic settings", "compileOptions");

        BoardDefaults.Choice noBoard = choose("arduino", "project_type", "example_project");
        assertThat(noBoard.warning()).get().asString().contains("no board given");

        BoardDefaults.Choice noType = choose("zephyr", "board", "qemu_x86");
        assertThat(noType.target()).isEqualTo("c -model=host");
        assertThat(noType.kind()).isEqualTo(ProjectKind.STANDALONE);
        assertThat(noType.warning()).get().asString().contains("no project_type given", "aot_standalone_demo");

        BoardDefaults.Choice custom = BoardDefaults.forTemplate("host", true, Map.of("project_type", "my_host_driven"));
        assertThat(custom.target()).isEqualTo("c");
        assertThat(custom.kind()).isEqualTo(ProjectKind.HOST_DRIVEN);
        assertThat(custom.warning()).get().asString().contains("templateDir");

        BoardDefaults.Choice otherPlatform = choose("esp32");
        assertThat(otherPlatform.kind()).isEqualTo(ProjectKind.STANDALONE);
        assertThat(otherPlatform.warning()).get().asString().contains("platform esp32", "qemu-arm");

        BoardDefaults.Choice badType = choose("qemu-arm", "project_type", "demo");
        assertThat(badType.target()).isEqualTo("c -mcpu=cortex-m4");
        assertThat(badType.warning()).get().asString().contains("project_type 'demo'");
    }

    @Test
    void theReadmeShowsEveryBoardWithItsTarget() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        for (BoardDefaults.Row row : BoardDefaults.table()) {
            String line = "| `" + row.platform() + "` | " + (row.board().isEmpty() ? "—" : "`" + row.board() + "`")
                    + " | `" + row.target() + "` |";
            assertThat(readme).as("README row for %s", row).contains(line);
        }
    }
}
