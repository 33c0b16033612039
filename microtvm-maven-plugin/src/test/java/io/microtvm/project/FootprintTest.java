package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import io.microtvm.SettingNames;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintTest {
    private static final String REPORT = """
            {"board": "mps2-an386", "text_bytes": 5936, "data_bytes": 0, "bss_bytes": 3376, "heap_bytes": 4096,
             "stack_bytes": 16384, "flash_bytes": 5936, "flash_capacity_bytes": 4194304, "ram_bytes": 23856,
             "ram_capacity_bytes": 4194304}
            """;

    @TempDir
    Path project;

    @Test
    void aProjectWithoutAReportHasNoFootprint() throws Exception {
        assertThat(Footprint.of(project)).isEmpty();
    }

    @Test
    void theReportGivesFlashRamAndTheParts() throws Exception {
        write(REPORT);
        Footprint f = Footprint.of(project).orElseThrow();
        assertThat(f.flashBytes()).isEqualTo(5936);
        assertThat(f.ramBytes()).isEqualTo(23856);
        assertThat(f.summary()).isEqualTo("flash 5.8 KiB of 4 MiB (0.1 %), RAM 23.3 KiB of 4 MiB (0.6 %) on mps2-an386;"
                + " text 5.8 KiB, data 0 bytes, bss 3.3 KiB, heap 4 KiB, stack 16 KiB");
        assertThat(f.report().get("ram_capacity_bytes").asLong()).isEqualTo(4194304);
    }

    @Test
    void withoutCapacitiesTheSummaryGivesTheSizesAlone() throws Exception {
        write("{\"flash_bytes\": 174080, \"ram_bytes\": 512}");
        assertThat(Footprint.of(project).orElseThrow().summary()).isEqualTo("flash 170 KiB, RAM 512 bytes");
    }

    @Test
    void budgetsAreCheckedEachAgainstItsOwnFigureAndNameTheirSetting() throws Exception {
        write(REPORT);
        Footprint f = Footprint.of(project).orElseThrow();
        assertThat(f.overBudget(null, null, SettingNames.PLAIN)).isEmpty();
        assertThat(f.overBudget(5936L, 23856L, SettingNames.PLAIN)).as("equal is within budget").isEmpty();
        assertThat(f.overBudget(5935L, null, SettingNames.PLAIN)).containsExactly(
                "flash 5936 bytes > maxFlashBytes 5935 bytes, by 1");
        assertThat(f.overBudget(null, 16384L, SettingNames.PLAIN)).containsExactly(
                "RAM 23856 bytes > maxRamBytes 16384 bytes, by 7472");
        assertThat(f.overBudget(1L, 1L, SettingNames.PLAIN)).hasSize(2);
    }

    @Test
    void aReportWithoutTheTotalsIsRefusedNamingTheFile() throws Exception {
        write("{\"board\": \"mps2-an386\"}");
        assertThatThrownBy(() -> Footprint.of(project))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining(project.resolve("build/footprint.json").toString())
                .hasMessageContaining("flash_bytes and ram_bytes");
    }

    @Test
    void aReportThatIsNoJsonIsRefusedNamingTheFile() throws Exception {
        write("text 5936");
        assertThatThrownBy(() -> Footprint.of(project))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("Cannot read the footprint report " + project.resolve("build/footprint.json"));
    }

    private void write(String json) throws Exception {
        Files.createDirectories(project.resolve("build"));
        Files.writeString(project.resolve("build/footprint.json"), json);
    }
}
