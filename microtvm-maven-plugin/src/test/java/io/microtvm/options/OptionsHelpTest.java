package io.microtvm.options;

import static io.microtvm.options.TemplateMetadata.option;
import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ProjectOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsHelpTest {
    /** How the Maven plugin says options are set; the listing takes it as given. */
    private static final String HOW_TO_SET =
            "Set them in the plugin's <options> or with -Dmicrotvm.options=NAME=VALUE[,NAME=VALUE...].";

    private static final String ZEPHYR = "template 'zephyr' (/opt/tvm/build/microtvm_template_projects/zephyr)";

    @Test
    void crtListingInFull() {
        assertThat(OptionsHelp.render("template 'host' (/x)", HOW_TO_SET, TemplateMetadata.crt())).isEqualTo("""
                Options of template 'host' (/x), by method. Set them in the plugin's <options> or with
                -Dmicrotvm.options=NAME=VALUE[,NAME=VALUE...].

                generate_project: 1 option, none required

                  workspace_size_bytes (int, optional)
                      default: 2097152
                      Sets the value of TVM_WORKSPACE_SIZE_BYTES.

                build: 1 option, none required

                  verbose (bool, optional)
                      default: false
                      Run make with verbose output

                flash: no options

                open_transport: no options
                """);
    }

    @Test
    void zephyrSectionsCountOptionsPerMethod() {
        String text = OptionsHelp.render(ZEPHYR, HOW_TO_SET, TemplateMetadata.zephyr());

        assertThat(text.lines().filter(l -> !l.isEmpty() && !l.startsWith(" ")).skip(2).toList()).containsExactly(
                "generate_project: 13 options, 3 required",
                "build: 2 options, none required",
                "flash: 2 options, none required",
                "open_transport: 5 options, 1 required");
    }

    @Test
    void zephyrBoardChoicesWrapAlignedUnderTheFirstChoice() {
        String text = OptionsHelp.render(ZEPHYR, HOW_TO_SET, TemplateMetadata.zephyr());

        assertThat(text).contains("""

                  board (str, required)
                      choices: b_u585i_iot02a, mimxrt1050_evk, mps2_an521, mps3_an547, nrf5340dk_nrf5340_cpuapp,
                               nucleo_f746zg, nucleo_l4r5zi, qemu_cortex_r5, qemu_riscv32, qemu_riscv64, qemu_x86,
                               stm32f746g_disco
                      Name of the board to build for.

                """);
    }

    @Test
    void zephyrStringDefaultIsQuotedAndLongHelpIsWrapped() {
        String text = OptionsHelp.render(ZEPHYR, HOW_TO_SET, TemplateMetadata.zephyr());

        assertThat(text).contains("""
                  west_cmd (str, optional)
                      default: "/usr/bin/python3 -m west"
                      Path to the west tool. If given, supersedes both the zephyr_base option and ZEPHYR_BASE
                      environment variable.
                """);
    }

    @Test
    void requiredOrOptionalIsPerMethod() {
        List<ProjectOption> zephyr = TemplateMetadata.zephyr();

        assertThat(OptionsHelp.section(zephyr, ProjectMethod.GENERATE_PROJECT)).contains("  zephyr_base (str, required)");
        assertThat(OptionsHelp.section(zephyr, ProjectMethod.BUILD)).contains("  zephyr_base (str, optional)");
        assertThat(OptionsHelp.section(zephyr, ProjectMethod.FLASH)).noneMatch(l -> l.startsWith("  zephyr_base "));
    }

    @Test
    void nullDefaultsAreNotShown() {
        assertThat(OptionsHelp.entry(TemplateMetadata.zephyr().get(3), ProjectMethod.GENERATE_PROJECT))
                .containsExactly("  cmsis_path (str, optional)", "      Path to the CMSIS directory.");
    }

    @Test
    void falsyDefaultsAreShownUnlikeTvmc() {
        List<ProjectOption> declared = List.of(
                option("{'name': 'flag', 'type': 'bool', 'default': false, 'optional': ['build'], 'help': 'F.'}"),
                option("{'name': 'count', 'type': 'int', 'default': 0, 'optional': ['build'], 'help': 'C.'}"),
                option("{'name': 'label', 'type': 'str', 'default': '', 'optional': ['build'], 'help': 'L.'}"));

        assertThat(OptionsHelp.section(declared, ProjectMethod.BUILD)).contains(
                "      default: false", "      default: 0", "      default: \"\"");
    }

    @Test
    void noLineIsWiderThanTheWidthUnlessOneWordIs() {
        for (List<ProjectOption> template : List.of(TemplateMetadata.zephyr(), TemplateMetadata.arduino())) {
            assertThat(OptionsHelp.render(ZEPHYR, HOW_TO_SET, template).lines())
                    .allMatch(l -> l.length() <= OptionsHelp.WIDTH);
        }
    }

    @Test
    void emptyHelpMultiParagraphHelpAndMissingType() {
        List<ProjectOption> declared = List.of(
                option("{'name': 'quiet', 'type': 'bool', 'optional': ['flash'], 'help': ''}"),
                option("{'name': 'legacy', 'optional': ['flash'], 'help': 'First part.\\n\\nSecond   part.'}"));

        assertThat(OptionsHelp.section(declared, ProjectMethod.FLASH)).containsExactly(
                "flash: 2 options, none required",
                "",
                "  quiet (bool, optional)",
                "",
                "  legacy (untyped, optional)",
                "      First part.",
                "      Second part.");
    }

    @Test
    void aVeryLongHelpWrapsWithAlignedContinuation() {
        String help = String.join(" ", java.util.Collections.nCopies(40, "word"));
        List<String> entry = OptionsHelp.entry(
                option("{'name': 'w', 'type': 'str', 'optional': ['build'], 'help': '" + help + "'}"),
                ProjectMethod.BUILD);

        assertThat(entry).hasSize(4);
        assertThat(entry.subList(1, 4)).allMatch(l -> l.startsWith("      word") && l.length() <= 100);
        assertThat(String.join(" ", entry.subList(1, 4)).split("\\s+")).hasSize(41);
    }

    @Test
    void optionsForNoMethodAreListedAtTheEnd() {
        List<ProjectOption> declared = List.of(option("{'name': 'odd', 'type': 'str', 'help': 'Odd.'}"));

        assertThat(OptionsHelp.render("template 't' (/t)", HOW_TO_SET, declared)).endsWith("""
                open_transport: no options

                Declared for no method (always sent with their defaults): odd
                """);
    }

    @Test
    void everyMethodHasASection() {
        String text = OptionsHelp.render("template 'empty' (/e)", HOW_TO_SET, List.of());

        assertThat(Arrays.stream(ProjectMethod.values()).map(m -> m.wireName() + ": no options"))
                .allMatch(text::contains);
    }
}
