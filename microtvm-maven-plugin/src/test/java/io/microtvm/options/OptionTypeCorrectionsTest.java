package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ProjectOption;
import io.microtvm.projectapi.ServerInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table of TVM's known wrong declarations and the user's optionTypes, on v0.18.0-shaped replies. */
class OptionTypeCorrectionsTest {
    final List<String> notes = new ArrayList<>();

    static ServerInfo info(String platform, List<ProjectOption> options) {
        return new ServerInfo(platform, true, "", options, 1);
    }

    static String typeOf(ServerInfo info, String name) {
        return info.option(name).orElseThrow().type();
    }

    @Test
    void arduinosPortAndCompileDefinitionsAreTakenAsTheCodeUsesThem() throws Exception {
        ServerInfo corrected = OptionTypeCorrections.of(null, notes::add)
                .correct(info("arduino", TemplateMetadata.arduino()), "0.18.0");
        assertThat(typeOf(corrected, "port")).isEqualTo("str");
        assertThat(typeOf(corrected, "compile_definitions")).isEqualTo("list");
        assertThat(typeOf(corrected, "board")).isEqualTo("str");
        assertThat(typeOf(corrected, "verbose")).isEqualTo("bool");
        assertThat(notes).hasSize(2).anyMatch(n -> n.contains("'port'") && n.contains("declared int")
                && n.contains("device path") && n.contains("optionTypes"));

        Map<String, String> given = new LinkedHashMap<>();
        given.put("port", "/dev/ttyACM0");
        given.put("arduino_cli_cmd", "arduino-cli");
        ResolvedOptions flash = new OptionResolver().resolve(corrected.projectOptions(), ProjectMethod.FLASH, given,
                "arduino");
        assertThat(flash.options().get("port").textValue()).isEqualTo("/dev/ttyACM0");
        // strict typing stays: the declared type alone refuses the path
        assertThatThrownBy(() -> new OptionResolver().resolve(TemplateMetadata.arduino(), ProjectMethod.FLASH, given,
                "arduino")).isInstanceOf(InvalidOptionsException.class).hasMessageContaining("expected an int");
    }

    @Test
    void aCorrectedReplyKeepsTheBundledTemplatesExtraKeys() throws Exception {
        var tools = List.of(new io.microtvm.projectapi.RequiredTool("arduino-cli", "arduino_cli_cmd", List.of("build")));
        ServerInfo reply = new ServerInfo("arduino", true, "", TemplateMetadata.arduino(), 1,
                Map.of("elf", "build/firmware.elf"), tools);

        ServerInfo corrected = OptionTypeCorrections.TABLE_ONLY.correct(reply, "0.18.0");

        assertThat(typeOf(corrected, "port")).isEqualTo("str");
        assertThat(corrected.firmwareImages()).containsExactly(Map.entry("elf", "build/firmware.elf"));
        assertThat(corrected.requiredTools()).isEqualTo(tools);
    }

    @Test
    void compileDefinitionsBecomeAListFromWordsOrAJsonArray() throws Exception {
        ServerInfo corrected = OptionTypeCorrections.TABLE_ONLY.correct(info("zephyr", TemplateMetadata.zephyr()),
                "0.18.0");
        var resolver = new OptionResolver();
        var words = resolver.resolve(corrected.projectOptions(), ProjectMethod.GENERATE_PROJECT,
                Map.of("compile_definitions", " -DA=1  -DB ", "board", "qemu_x86", "project_type", "host_driven", "zephyr_base", "/z"),
                "zephyr");
        assertThat(words.options().get("compile_definitions")).hasToString("[\"-DA=1\",\"-DB\"]");
        var array = resolver.resolve(corrected.projectOptions(), ProjectMethod.GENERATE_PROJECT,
                Map.of("compile_definitions", "[\"-DNAME=a b\"]", "board", "qemu_x86", "project_type", "host_driven", "zephyr_base", "/z"),
                "zephyr");
        assertThat(array.options().get("compile_definitions")).hasToString("[\"-DNAME=a b\"]");
        assertThatThrownBy(() -> resolver.resolve(corrected.projectOptions(), ProjectMethod.GENERATE_PROJECT,
                Map.of("compile_definitions", "[1, 2]", "board", "qemu_x86", "project_type", "host_driven", "zephyr_base", "/z"), "zephyr"))
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("expected a list");
        assertThat(typeOf(corrected, "gdbserver_port")).isEqualTo("str");
        var open = resolver.resolve(corrected.projectOptions(), ProjectMethod.OPEN_TRANSPORT,
                Map.of("gdbserver_port", "1234", "zephyr_base", "/z"), "zephyr");
        assertThat(open.options().get("gdbserver_port").isTextual()).isTrue();
    }

    @Test
    void theTableAppliesOnlyToTheKnownPlatformVersionAndDeclaration() {
        // another platform declaring the same name and type: its own business
        assertThat(typeOf(OptionTypeCorrections.TABLE_ONLY.correct(info("mine", TemplateMetadata.arduino()), "0.18.0"),
                "port")).isEqualTo("int");
        // a TVM before the declarations the table knows
        assertThat(typeOf(OptionTypeCorrections.TABLE_ONLY.correct(info("arduino", TemplateMetadata.arduino()),
                "0.11.0"), "port")).isEqualTo("int");
        // a template that declares it right already is left alone, and so is one declaring other methods
        List<ProjectOption> fixed = List.of(TemplateMetadata.option(
                "{'name':'port','type':'str','optional':['flash','open_transport']}"));
        assertThat(typeOf(OptionTypeCorrections.TABLE_ONLY.correct(info("arduino", fixed), "0.18.0"), "port"))
                .isEqualTo("str");
        List<ProjectOption> otherMethods = List.of(TemplateMetadata.option(
                "{'name':'port','type':'int','optional':['flash']}"));
        assertThat(typeOf(OptionTypeCorrections.TABLE_ONLY.correct(info("arduino", otherMethods), "0.18.0"), "port"))
                .isEqualTo("int");
    }

    @Test
    void optionTypesOverridesADeclarationTheTableDoesNotKnowAndWinsOverTheTable() {
        List<ProjectOption> mine = List.of(TemplateMetadata.option(
                "{'name':'uart','type':'int','optional':['open_transport']}"));
        ServerInfo corrected = OptionTypeCorrections.of(Map.of("uart", "str"), notes::add)
                .correct(info("mine", mine), "0.18.0");
        assertThat(typeOf(corrected, "uart")).isEqualTo("str");
        assertThat(notes).singleElement().asString().contains("'uart'").contains("optionTypes").contains("int");
        ServerInfo arduino = OptionTypeCorrections.of(Map.of("port", "INT"), notes::add)
                .correct(info("arduino", TemplateMetadata.arduino()), "0.18.0");
        assertThat(typeOf(arduino, "port")).isEqualTo("int");
    }

    @Test
    void aBadOptionTypesEntryNamesTheParameterWhatWasGivenAndWhatIsExpected() {
        assertThatThrownBy(() -> OptionTypeCorrections.of(Map.of("port", "path"), notes::add))
                .isInstanceOf(OptionFormatException.class)
                .hasMessageContaining("<optionTypes>").hasMessageContaining("'port'").hasMessageContaining("'path'")
                .hasMessageContaining("bool, int, float, str, list");
        assertThatThrownBy(() -> OptionTypeCorrections.of(Map.of("prot", "str"), notes::add)
                .correct(info("arduino", TemplateMetadata.arduino()), "0.18.0"))
                .isInstanceOf(OptionFormatException.class)
                .hasMessageContaining("does not declare: prot").hasMessageContaining("port");
    }
}
