package io.microtvm.options;

import static io.microtvm.options.TemplateMetadata.option;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.Step;
import io.microtvm.options.OptionProblem.Kind;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ProjectOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OptionResolverTest {

    private static final String HOST = "template 'host' (/x)";
    private static final String ZEPHYR = "template 'zephyr' (/z)";

    private final OptionResolver resolver = new OptionResolver();

    private static Map<String, String> given(String... nameValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.put(nameValue[i], nameValue[i + 1]);
        }
        return out;
    }

    private ResolvedOptions resolve(List<ProjectOption> declared, ProjectMethod method, Map<String, String> given)
            throws InvalidOptionsException {
        return resolver.resolve(declared, method, given, HOST);
    }

    private InvalidOptionsException failure(List<ProjectOption> declared, ProjectMethod method,
            Map<String, String> given) {
        return catchThrowableOfType(InvalidOptionsException.class,
                () -> resolver.resolve(declared, method, given, HOST));
    }

    private OptionProblem onlyProblem(List<ProjectOption> declared, ProjectMethod method,
            Map<String, String> given) {
        InvalidOptionsException e = failure(declared, method, given);
        assertThat(e).as("expected an InvalidOptionsException").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** One option of the given type, optional for build, and no default. */
    private static List<ProjectOption> single(String name, String type) {
        return List.of(option("{'name': '" + name + "', 'type': '" + type + "', 'optional': ['build']}"));
    }

    @Nested
    class TypedOutput {

        @Test
        void boolIntAndStrBecomeJsonBooleanNumberAndString() throws Exception {
            ResolvedOptions r = resolve(TemplateMetadata.zephyr(), ProjectMethod.GENERATE_PROJECT, given(
                    "project_type", "host_driven", "board", "qemu_x86", "zephyr_base", "/opt/zephyr",
                    "verbose", "true", "config_main_stack_size", "4096"));

            assertThat(r.options().get("verbose").isBoolean()).isTrue();
            assertThat(r.options().get("verbose").booleanValue()).isTrue();
            assertThat(r.options().get("config_main_stack_size").isIntegralNumber()).isTrue();
            assertThat(r.options().get("config_main_stack_size").longValue()).isEqualTo(4096);
            assertThat(r.options().get("board").isTextual()).isTrue();
            assertThat(r.options().get("board").textValue()).isEqualTo("qemu_x86");
        }

        @Test
        void serializesAsTypedJson() throws Exception {
            ResolvedOptions r = resolve(TemplateMetadata.crt(), ProjectMethod.BUILD,
                    given("verbose", "FALSE", "workspace_size_bytes", "-16"));

            assertThat(r.options()).hasToString("{\"verbose\":false,\"workspace_size_bytes\":-16}");
        }

        @Test
        void boolIsCaseInsensitiveAndIgnoresSurroundingBlanks() throws Exception {
            for (String text : List.of("true", "TRUE", "True", "tRuE", " true\n")) {
                assertThat(resolve(TemplateMetadata.crt(), ProjectMethod.BUILD, given("verbose", text))
                        .options().get("verbose").booleanValue()).as(text).isTrue();
            }
            for (String text : List.of("false", "FALSE", "False")) {
                assertThat(resolve(TemplateMetadata.crt(), ProjectMethod.BUILD, given("verbose", text))
                        .options().get("verbose").booleanValue()).as(text).isFalse();
            }
        }

        @Test
        void intAcceptsSignsLeadingZerosAndTheWhole64BitRange() throws Exception {
            Map<String, Long> cases = Map.of("+42", 42L, "-7", -7L, "007", 7L, "0", 0L,
                    "9223372036854775807", Long.MAX_VALUE, "-9223372036854775808", Long.MIN_VALUE);
            for (Map.Entry<String, Long> c : cases.entrySet()) {
                JsonNode value = resolve(TemplateMetadata.crt(), ProjectMethod.GENERATE_PROJECT,
                        given("workspace_size_bytes", c.getKey())).options().get("workspace_size_bytes");
                assertThat(value.isIntegralNumber()).as(c.getKey()).isTrue();
                assertThat(value.longValue()).as(c.getKey()).isEqualTo(c.getValue());
            }
        }

        @Test
        void floatBecomesJsonNumber() throws Exception {
            JsonNode value = resolve(single("ratio", "float"), ProjectMethod.BUILD, given("ratio", "-2.5e-1"))
                    .options().get("ratio");

            assertThat(value.isDouble()).isTrue();
            assertThat(value.doubleValue()).isEqualTo(-0.25);
        }

        @Test
        void strValuesPassThroughUnchanged() throws Exception {
            String tricky = " -DX=1,-DY=\"a b\"\nzweite Zeile: grüße ✓ 東京 ";
            ResolvedOptions r = resolve(TemplateMetadata.zephyr(), ProjectMethod.GENERATE_PROJECT, given(
                    "project_type", "host_driven", "board", "qemu_x86", "zephyr_base", "/opt/zephyr",
                    "compile_definitions", tricky, "cmsis_path", "", "extra_files_tar", "=,"));

            assertThat(r.options().get("compile_definitions").textValue()).isEqualTo(tricky);
            assertThat(r.options().get("cmsis_path").textValue()).isEmpty();
            assertThat(r.options().get("extra_files_tar").textValue()).isEqualTo("=,");
        }

        @Test
        void anUnknownDeclaredTypePassesTheStringThrough() throws Exception {
            List<ProjectOption> declared = List.of(
                    option("{'name': 'defs', 'type': 'tuple', 'optional': ['build']}"),
                    option("{'name': 'legacy', 'optional': ['build']}"));

            ResolvedOptions r = resolve(declared, ProjectMethod.BUILD, given("defs", " a b ", "legacy", "TRUE"));

            assertThat(r.options()).hasToString("{\"defs\":\" a b \",\"legacy\":\"TRUE\"}");
        }

        @Test
        void aNullValueCountsAsTheEmptyString() throws Exception {
            Map<String, String> given = new HashMap<>();
            given.put("cmsis_path", null);
            List<ProjectOption> declared = List.of(TemplateMetadata.zephyr().get(3));

            assertThat(resolve(declared, ProjectMethod.GENERATE_PROJECT, given).options().get("cmsis_path")
                    .textValue()).isEmpty();
        }
    }

    @Nested
    class DefaultFilling {

        @Test
        void everyDeclaredOptionIsSentEvenWithNothingGiven() throws Exception {
            ResolvedOptions r = resolve(TemplateMetadata.crt(), ProjectMethod.BUILD, Map.of());

            assertThat(r.options()).hasToString("{\"verbose\":false,\"workspace_size_bytes\":2097152}");
            assertThat(r.defaulted()).containsExactly("verbose", "workspace_size_bytes");
            assertThat(r.notUsedByMethod()).isEmpty();
        }

        @Test
        void aNullGivenMapMeansNoOptions() throws Exception {
            assertThat(resolver.resolve(TemplateMetadata.crt(), ProjectMethod.FLASH, null, HOST).options())
                    .hasToString("{\"verbose\":false,\"workspace_size_bytes\":2097152}");
        }

        @Test
        void nullDefaultsAndOptionsOfOtherMethodsAreFilledInDeclaredOrder() throws Exception {
            List<ProjectOption> zephyr = TemplateMetadata.zephyr();
            // given in an order unlike the declared one
            ResolvedOptions r = resolve(zephyr, ProjectMethod.GENERATE_PROJECT, given(
                    "zephyr_base", "/opt/zephyr", "board", "qemu_x86", "project_type", "host_driven"));

            assertThat(fieldNames(r.options())).containsExactlyElementsOf(
                    zephyr.stream().map(ProjectOption::name).toList());
            // declared for open_transport only, default null: still present, as JSON null
            assertThat(r.options().has("gdbserver_port")).isTrue();
            assertThat(r.options().get("gdbserver_port").isNull()).isTrue();
            assertThat(r.options().get("serial_number").isNull()).isTrue();
            assertThat(r.options().get("west_cmd").textValue()).isEqualTo("/usr/bin/python3 -m west");
            assertThat(r.options().get("use_fvp").booleanValue()).isFalse();
            assertThat(r.defaulted()).hasSize(zephyr.size() - 3).doesNotContain("board");
        }

        @Test
        void buildOfAGeneratedZephyrProjectNeedsNothingAndGetsEveryOption() throws Exception {
            ResolvedOptions r = resolver.resolve(TemplateMetadata.zephyr(), ProjectMethod.BUILD, Map.of(), ZEPHYR);

            assertThat(r.options().size()).isEqualTo(15);
            assertThat(r.options().get("project_type").isNull()).isTrue();
        }

        @Test
        void theOutputDoesNotShareDefaultNodesWithTheMetadata() throws Exception {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'defs', 'type': 'list', 'default': {'a': [1]}, 'optional': ['build']}"));

            ObjectNode first = resolve(declared, ProjectMethod.BUILD, Map.of()).options();
            ((ObjectNode) first.get("defs")).put("changed", true);

            assertThat(declared.get(0).defaultValue()).hasToString("{\"a\":[1]}");
            assertThat(resolve(declared, ProjectMethod.BUILD, Map.of()).options()).hasToString("{\"defs\":{\"a\":[1]}}");
        }

        @Test
        void aNameDeclaredTwiceIsResolvedByItsFirstDeclaration() throws Exception {
            List<ProjectOption> declared = List.of(
                    option("{'name': 'n', 'type': 'int', 'default': 1, 'optional': ['build']}"),
                    option("{'name': 'n', 'type': 'bool', 'default': false, 'optional': ['build']}"));

            assertThat(resolve(declared, ProjectMethod.BUILD, Map.of()).options()).hasToString("{\"n\":1}");
            assertThat(resolve(declared, ProjectMethod.BUILD, given("n", "5")).options()).hasToString("{\"n\":5}");
        }
    }

    @Nested
    class WrongType {

        @Test
        void boolRejectsAnythingButTrueOrFalse() {
            for (String text : List.of("yes", "1", "0", "t", "on", "")) {
                OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.BUILD, given("verbose", text));
                assertThat(p.kind()).isEqualTo(Kind.WRONG_TYPE);
                assertThat(p.option()).isEqualTo("verbose");
                assertThat(p.given()).isEqualTo(text);
                assertThat(p.expected()).isEqualTo("a bool: true or false");
                assertThat(p.message())
                        .isEqualTo("option 'verbose': given '" + text + "', expected a bool: true or false");
            }
        }

        @Test
        void intRejectsHexDecimalsExponentsAndEmpty() {
            for (String text : List.of("0x10", "1.5", "1e3", "", " ", "4 096", "12abc", "--1", "+", "٣")) {
                OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.GENERATE_PROJECT,
                        given("workspace_size_bytes", text));
                assertThat(p.kind()).as(text).isEqualTo(Kind.WRONG_TYPE);
                assertThat(p.message()).isEqualTo("option 'workspace_size_bytes': given '" + text
                        + "', expected an int: a decimal integer such as 42 or -7");
            }
        }

        @Test
        void intBeyond64BitsSaysSo() {
            OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.GENERATE_PROJECT,
                    given("workspace_size_bytes", "9223372036854775808"));

            assertThat(p.message()).isEqualTo("option 'workspace_size_bytes': given '9223372036854775808', expected"
                    + " an int within 64 bits: a decimal integer from -9223372036854775808 to 9223372036854775807");
        }

        @Test
        void floatRejectsNonNumbersAndOverflow() {
            OptionProblem word = onlyProblem(single("ratio", "float"), ProjectMethod.BUILD, given("ratio", "half"));
            OptionProblem huge = onlyProblem(single("ratio", "float"), ProjectMethod.BUILD, given("ratio", "1e999"));

            assertThat(word.message())
                    .isEqualTo("option 'ratio': given 'half', expected a float: a decimal number such as 0.5, -2 or 1e-3");
            assertThat(huge.message()).isEqualTo(
                    "option 'ratio': given '1e999', expected a float within the range of a 64-bit double (about 1.8e308)");
        }

        @Test
        void anIntWithChoicesAlsoListsThem() {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'cores', 'type': 'int', 'choices': ['1', '2', '4'], 'optional': ['build']}"));

            OptionProblem p = onlyProblem(declared, ProjectMethod.BUILD, given("cores", "two"));

            assertThat(p.message()).isEqualTo("option 'cores': given 'two', expected an int: a decimal integer"
                    + " such as 42 or -7; allowed: 1, 2, 4");
            assertThat(p.allowed()).containsExactly("1", "2", "4");
        }

        @Test
        void aBoolWithTrueFalseChoicesDoesNotRepeatThem() {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'v', 'type': 'bool', 'choices': ['true', 'false'], 'optional': ['build']}"));

            assertThat(onlyProblem(declared, ProjectMethod.BUILD, given("v", "yes")).message())
                    .isEqualTo("option 'v': given 'yes', expected a bool: true or false");
        }

        @Test
        void controlCharactersInTheValueAreEscapedToKeepOneLinePerProblem() {
            OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.BUILD, given("verbose", "a\nb\tc"));

            assertThat(p.given()).isEqualTo("a\nb\tc");
            assertThat(p.message()).isEqualTo("option 'verbose': given 'a\\nb\\tc', expected a bool: true or false");
        }

        @Test
        void optionsOfOtherMethodsAreCheckedToo() {
            // one <options> map serves every goal: a bad value is reported at the first goal
            OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.BUILD,
                    given("workspace_size_bytes", "2MiB"));

            assertThat(p.kind()).isEqualTo(Kind.WRONG_TYPE);
            assertThat(p.option()).isEqualTo("workspace_size_bytes");
        }

        @Test
        void arduinoPortIsDeclaredIntSoADevicePathIsRefused() {
            // real metadata quirk (docs/project-api.md, "arduino"): "port" is declared int but is a
            // device path at runtime
            List<ProjectOption> arduino = TemplateMetadata.arduino();
            OptionProblem p = onlyProblem(arduino, ProjectMethod.FLASH,
                    given("arduino_cli_cmd", "arduino-cli", "port", "/dev/ttyACM0"));

            assertThat(p.message()).startsWith("option 'port': given '/dev/ttyACM0', expected an int");
        }
    }

    @Nested
    class Choices {

        private final List<ProjectOption> zephyr = TemplateMetadata.zephyr();

        private Map<String, String> generateWithBoard(String board) {
            return given("project_type", "host_driven", "board", board, "zephyr_base", "/opt/zephyr");
        }

        @Test
        void aStringOutsideTheChoicesListsThemAndSuggestsTheNearest() {
            OptionProblem p = onlyProblem(zephyr, ProjectMethod.GENERATE_PROJECT, generateWithBoard("qemu_x87"));

            assertThat(p.kind()).isEqualTo(Kind.NOT_A_CHOICE);
            assertThat(p.given()).isEqualTo("qemu_x87");
            assertThat(p.allowed()).hasSize(12).contains("qemu_x86");
            assertThat(p.suggestion()).isEqualTo("qemu_x86");
            assertThat(p.message()).isEqualTo("option 'board': given 'qemu_x87', expected one of: b_u585i_iot02a,"
                    + " mimxrt1050_evk, mps2_an521, mps3_an547, nrf5340dk_nrf5340_cpuapp, nucleo_f746zg,"
                    + " nucleo_l4r5zi, qemu_cortex_r5, qemu_riscv32, qemu_riscv64, qemu_x86, stm32f746g_disco;"
                    + " did you mean 'qemu_x86'?");
        }

        @Test
        void stringChoicesAreCaseSensitiveButTheHintIsNot() {
            OptionProblem p = onlyProblem(zephyr, ProjectMethod.GENERATE_PROJECT, generateWithBoard("QEMU_X86"));

            assertThat(p.kind()).isEqualTo(Kind.NOT_A_CHOICE);
            assertThat(p.message()).endsWith("; did you mean 'qemu_x86'?");
        }

        @Test
        void noHintWhenNothingIsClose() {
            OptionProblem p = onlyProblem(zephyr, ProjectMethod.GENERATE_PROJECT, generateWithBoard("esp32"));

            assertThat(p.suggestionIfAny()).isEmpty();
            assertThat(p.message()).endsWith("qemu_x86, stm32f746g_disco");
        }

        @Test
        void boolChoicesMatchAfterConversion() throws Exception {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'v', 'type': 'bool', 'choices': ['true', 'false'], 'optional': ['build']}"));

            assertThat(resolve(declared, ProjectMethod.BUILD, given("v", "True")).options().get("v").booleanValue())
                    .isTrue();
        }

        @Test
        void aBoolOutsideItsChoices() {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'v', 'type': 'bool', 'choices': ['true'], 'optional': ['build']}"));

            OptionProblem p = onlyProblem(declared, ProjectMethod.BUILD, given("v", "FALSE"));

            assertThat(p.kind()).isEqualTo(Kind.NOT_A_CHOICE);
            assertThat(p.suggestionIfAny()).isEmpty();
            assertThat(p.message()).isEqualTo("option 'v': given 'FALSE', expected one of: true");
        }

        @Test
        void pythonStyleBoolChoicesFromOldServersMatchToo() throws Exception {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'v', 'type': 'bool', 'choices': ['True', 'False'], 'optional': ['build']}"));

            assertThat(resolve(declared, ProjectMethod.BUILD, given("v", "false")).options().get("v").booleanValue())
                    .isFalse();
        }

        @Test
        void intChoicesCompareNumerically() throws Exception {
            List<ProjectOption> declared = List.of(option(
                    "{'name': 'cores', 'type': 'int', 'choices': ['1', '2', '4'], 'optional': ['build']}"));

            assertThat(resolve(declared, ProjectMethod.BUILD, given("cores", "+02")).options().get("cores").longValue())
                    .isEqualTo(2);
            assertThat(onlyProblem(declared, ProjectMethod.BUILD, given("cores", "3")).message())
                    .isEqualTo("option 'cores': given '3', expected one of: 1, 2, 4");
        }

        @Test
        void noChoicesMeansAnyValue() throws Exception {
            assertThat(resolve(TemplateMetadata.crt(), ProjectMethod.BUILD, given("workspace_size_bytes", "12"))
                    .options().get("workspace_size_bytes").longValue()).isEqualTo(12);
        }
    }

    @Nested
    class UnknownNames {

        @Test
        void aCloseNameIsSuggested() {
            OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.BUILD, given("verbos", "true"));

            assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_OPTION);
            assertThat(p.option()).isEqualTo("verbos");
            assertThat(p.given()).isEqualTo("true");
            assertThat(p.suggestion()).isEqualTo("verbose");
            assertThat(p.allowed()).containsExactly("verbose", "workspace_size_bytes");
            assertThat(p.message()).isEqualTo("option 'verbos': unknown option, given 'true'; did you mean"
                    + " 'verbose'? Declared options: verbose, workspace_size_bytes");
        }

        @Test
        void nothingIsSuggestedWhenNoNameIsClose() {
            OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.BUILD, given("board", "qemu_x86"));

            assertThat(p.suggestionIfAny()).isEmpty();
            assertThat(p.message()).isEqualTo("option 'board': unknown option, given 'qemu_x86'; declared options:"
                    + " verbose, workspace_size_bytes");
        }

        @Test
        void aTemplateWithoutOptions() {
            OptionProblem p = onlyProblem(List.of(), ProjectMethod.FLASH, given("port", "3"));

            assertThat(p.message()).isEqualTo("option 'port': unknown option, given '3'; declared options: none");
        }

        @Test
        void namesAreCaseSensitive() {
            OptionProblem p = onlyProblem(TemplateMetadata.crt(), ProjectMethod.BUILD, given("Verbose", "true"));

            assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_OPTION);
            assertThat(p.suggestion()).isEqualTo("verbose");
        }

        @Test
        void unknownNamesAreReportedInTheOrderGiven() {
            InvalidOptionsException e = failure(TemplateMetadata.crt(), ProjectMethod.BUILD,
                    given("zzz", "1", "aaa", "2", "mmm", "3"));

            assertThat(e.problems()).extracting(OptionProblem::option).containsExactly("zzz", "aaa", "mmm");
        }
    }

    @Nested
    class OtherMethods {

        @Test
        void anOptionDeclaredOnlyForAnotherMethodIsAcceptedSentAndReported() throws Exception {
            // CRT: workspace_size_bytes is for generate_project, yet a shared <options> also reaches build
            ResolvedOptions r = resolve(TemplateMetadata.crt(), ProjectMethod.BUILD,
                    given("workspace_size_bytes", "4096", "verbose", "true"));

            assertThat(r.notUsedByMethod()).containsExactly("workspace_size_bytes");
            assertThat(r.options()).hasToString("{\"verbose\":true,\"workspace_size_bytes\":4096}");
            assertThat(r.defaulted()).isEmpty();
        }

        @Test
        void anOptionDeclaredForNoMethodAtAllIsAlsoOnlyReported() throws Exception {
            List<ProjectOption> declared = List.of(option("{'name': 'odd', 'type': 'str'}"));

            ResolvedOptions r = resolve(declared, ProjectMethod.BUILD, given("odd", "x"));

            assertThat(r.notUsedByMethod()).containsExactly("odd");
            assertThat(r.options()).hasToString("{\"odd\":\"x\"}");
        }
    }

    @Nested
    class RequiredOptions {

        @Test
        void everyMissingRequiredOptionIsReportedInDeclaredOrder() {
            InvalidOptionsException e = catchThrowableOfType(InvalidOptionsException.class, () -> resolver
                    .resolve(TemplateMetadata.zephyr(), ProjectMethod.GENERATE_PROJECT, Map.of(), ZEPHYR));

            assertThat(e.problems()).extracting(OptionProblem::kind).containsOnly(Kind.MISSING_REQUIRED);
            assertThat(e.problems()).extracting(OptionProblem::option)
                    .containsExactly("project_type", "board", "zephyr_base");
            OptionProblem projectType = e.problems().get(0);
            assertThat(projectType.given()).isNull();
            assertThat(projectType.expected()).isEqualTo("a str");
            assertThat(projectType.allowed()).containsExactly("aot_standalone_demo", "host_driven", "mlperftiny");
            assertThat(projectType.message()).isEqualTo("option 'project_type': required for generate_project but"
                    + " not given; expected a str, one of: aot_standalone_demo, host_driven, mlperftiny; help: Type"
                    + " of project to generate.");
            assertThat(e.problems().get(2).message()).isEqualTo("option 'zephyr_base': required for"
                    + " generate_project but not given; expected a str; help: Path to the zephyr base directory.");
        }

        @Test
        void requiredForAnotherMethodIsNotRequiredHere() throws Exception {
            // zephyr_base: required for generate_project and open_transport, optional for build
            ResolvedOptions r = resolver.resolve(TemplateMetadata.zephyr(), ProjectMethod.BUILD, Map.of(), ZEPHYR);

            assertThat(r.options().get("zephyr_base").isNull()).isTrue();
            assertThatThrownBy(() -> resolver.resolve(TemplateMetadata.zephyr(), ProjectMethod.OPEN_TRANSPORT,
                    Map.of(), ZEPHYR)).isInstanceOf(InvalidOptionsException.class)
                    .hasMessageContaining("option 'zephyr_base': required for open_transport but not given");
        }

        @Test
        void arduinoCliIsRequiredForEveryMethodWhenNotOnPath() {
            for (ProjectMethod method : List.of(ProjectMethod.BUILD, ProjectMethod.FLASH)) {
                OptionProblem p = onlyProblem(TemplateMetadata.arduino(), method, Map.of());
                assertThat(p.message()).isEqualTo("option 'arduino_cli_cmd': required for " + method.wireName()
                        + " but not given; expected a str; help: Path to the arduino-cli tool.");
            }
        }

        @Test
        void aMissingBoolOrUntypedOptionSaysWhatItTakes() {
            List<ProjectOption> declared = List.of(
                    option("{'name': 'v', 'type': 'bool', 'choices': ['true', 'false'], 'required': ['build']}"),
                    option("{'name': 'defs', 'type': 'tuple', 'required': ['build'], 'help': ''}"));

            InvalidOptionsException e = failure(declared, ProjectMethod.BUILD, Map.of());

            assertThat(e.problems()).extracting(OptionProblem::message).containsExactly(
                    "option 'v': required for build but not given; expected a bool: true or false",
                    "option 'defs': required for build but not given; expected a value of type 'tuple' (passed on"
                            + " as text)");
        }

        @Test
        void anEmptyStringCountsAsGiven() throws Exception {
            ResolvedOptions r = resolve(TemplateMetadata.arduino(), ProjectMethod.BUILD, given("arduino_cli_cmd", ""));

            assertThat(r.options().get("arduino_cli_cmd").textValue()).isEmpty();
        }
    }

    @Nested
    class AllProblemsAtOnce {

        @Test
        void fourProblemsInOneMessageInStableOrder() {
            Map<String, String> given = given(
                    "west_cmd", "west",
                    "boards", "qemu_x86",
                    "board", "qemu_x87",
                    "verbose", "yes",
                    "project_typ", "host_driven");

            InvalidOptionsException e = catchThrowableOfType(InvalidOptionsException.class, () -> resolver
                    .resolve(TemplateMetadata.zephyr(), ProjectMethod.GENERATE_PROJECT, given, ZEPHYR));

            assertThat(e.method()).isEqualTo(ProjectMethod.GENERATE_PROJECT);
            assertThat(e.subject()).isEqualTo(ZEPHYR);
            assertThat(e.problems()).extracting(OptionProblem::kind).containsExactly(
                    Kind.WRONG_TYPE, Kind.MISSING_REQUIRED, Kind.NOT_A_CHOICE, Kind.MISSING_REQUIRED,
                    Kind.UNKNOWN_OPTION, Kind.UNKNOWN_OPTION);
            assertThat(e.getMessage()).isEqualTo("""
                    6 invalid options for generate_project of template 'zephyr' (/z):
                      - option 'verbose': given 'yes', expected a bool: true or false
                      - option 'project_type': required for generate_project but not given; expected a str, one of: \
                    aot_standalone_demo, host_driven, mlperftiny; help: Type of project to generate.
                      - option 'board': given 'qemu_x87', expected one of: b_u585i_iot02a, mimxrt1050_evk, mps2_an521, \
                    mps3_an547, nrf5340dk_nrf5340_cpuapp, nucleo_f746zg, nucleo_l4r5zi, qemu_cortex_r5, qemu_riscv32, \
                    qemu_riscv64, qemu_x86, stm32f746g_disco; did you mean 'qemu_x86'?
                      - option 'zephyr_base': required for generate_project but not given; expected a str; help: Path \
                    to the zephyr base directory.
                      - option 'boards': unknown option, given 'qemu_x86'; did you mean 'board'? Declared options: \
                    verbose, project_type, board, cmsis_path, warning_as_error, compile_definitions, extra_files_tar, \
                    gdbserver_port, serial_number, west_cmd, zephyr_base, config_main_stack_size, arm_fvp_path, \
                    use_fvp, workspace_size_bytes
                      - option 'project_typ': unknown option, given 'host_driven'; did you mean 'project_type'? \
                    Declared options: verbose, project_type, board, cmsis_path, warning_as_error, \
                    compile_definitions, extra_files_tar, gdbserver_port, serial_number, west_cmd, zephyr_base, \
                    config_main_stack_size, arm_fvp_path, use_fvp, workspace_size_bytes""");
            assertThat(e.missingStep()).contains(Step.LIST_OPTIONS);
        }

        @Test
        void fourProblemsOfTheCrtTemplate() {
            List<ProjectOption> crt = new ArrayList<>(TemplateMetadata.crt());
            crt.add(option("{'name': 'mode', 'type': 'str', 'choices': ['fast', 'small'], 'required': ['build'],"
                    + " 'help': 'Optimisation goal.'}"));

            InvalidOptionsException e = failure(crt, ProjectMethod.BUILD,
                    given("verbose", "1", "workspace_size_bytes", "2M", "optimize", "yes"));

            assertThat(e.problems()).hasSize(4);
            assertThat(e.getMessage()).isEqualTo("""
                    4 invalid options for build of template 'host' (/x):
                      - option 'verbose': given '1', expected a bool: true or false
                      - option 'workspace_size_bytes': given '2M', expected an int: a decimal integer such as 42 or -7
                      - option 'mode': required for build but not given; expected a str, one of: fast, small; help: \
                    Optimisation goal.
                      - option 'optimize': unknown option, given 'yes'; declared options: verbose, \
                    workspace_size_bytes, mode""");
            assertThat(e.missingStep()).contains(Step.LIST_OPTIONS);
        }

        @Test
        void oneProblemUsesTheSingular() {
            InvalidOptionsException e = failure(TemplateMetadata.crt(), ProjectMethod.BUILD, given("verbose", "no"));

            assertThat(e.getMessage()).startsWith("1 invalid option for build of template 'host' (/x):\n  - option");
        }

        @Test
        void aValidMapGivesNoProblem() throws Exception {
            assertThat(resolve(TemplateMetadata.arduino(), ProjectMethod.FLASH, given("arduino_cli_cmd",
                    "/usr/local/bin/arduino-cli", "board", "due", "serial_number", "SN-1")).options().size())
                    .isEqualTo(10);
        }
    }
}
