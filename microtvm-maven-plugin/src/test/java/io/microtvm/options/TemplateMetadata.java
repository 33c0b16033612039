package io.microtvm.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.projectapi.ProjectOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Option metadata shaped like the real v0.18.0 templates' {@code server_info_query} replies
 * (docs/project-api.md, "TVM's own templates", captured with ZEPHYR_BASE unset and no arduino-cli
 * on PATH), in wire form and read through {@link ProjectOption#fromJson}. Help texts are short
 * stand-ins of our own.
 */
final class TemplateMetadata {

    static final String PYTHON = "/usr/bin/python3";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateMetadata() {
    }

    /** Options of a JSON array in wire form. */
    static List<ProjectOption> options(String jsonArray) {
        try {
            List<ProjectOption> out = new ArrayList<>();
            JSON.readTree(jsonArray).forEach(node -> out.add(ProjectOption.fromJson(node)));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One option in wire form; single quotes stand for double quotes to keep tests readable. */
    static ProjectOption option(String json) {
        return options("[" + json.replace('\'', '"') + "]").get(0);
    }

    /** The CRT host template (docs/project-api.md, "crt"). */
    static List<ProjectOption> crt() {
        return options("""
                [
                 {"name": "verbose", "choices": null, "default": false, "type": "bool", "required": null,
                  "optional": ["build"], "help": "Run make with verbose output"},
                 {"name": "workspace_size_bytes", "choices": null, "default": 2097152, "type": "int",
                  "required": null, "optional": ["generate_project"],
                  "help": "Sets the value of TVM_WORKSPACE_SIZE_BYTES."}
                ]""");
    }

    /**
     * The Zephyr template (docs/project-api.md, "zephyr"), ZEPHYR_BASE unset, west found next to
     * the interpreter.
     */
    static List<ProjectOption> zephyr() {
        return options("""
                [
                 {"name": "verbose", "choices": null, "default": false, "type": "bool", "required": null,
                  "optional": ["generate_project"], "help": "Run build with verbose output."},
                 {"name": "project_type", "choices": ["aot_standalone_demo", "host_driven", "mlperftiny"],
                  "default": null, "type": "str", "required": ["generate_project"], "optional": null,
                  "help": "Type of project to generate."},
                 {"name": "board", "choices": ["b_u585i_iot02a", "mimxrt1050_evk", "mps2_an521", "mps3_an547",
                  "nrf5340dk_nrf5340_cpuapp", "nucleo_f746zg", "nucleo_l4r5zi", "qemu_cortex_r5",
                  "qemu_riscv32", "qemu_riscv64", "qemu_x86", "stm32f746g_disco"],
                  "default": null, "type": "str", "required": ["generate_project"], "optional": null,
                  "help": "Name of the board to build for."},
                 {"name": "cmsis_path", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project"], "help": "Path to the CMSIS directory."},
                 {"name": "warning_as_error", "choices": null, "default": false, "type": "bool", "required": null,
                  "optional": ["generate_project"], "help": "Treat warnings as errors and raise an Exception."},
                 {"name": "compile_definitions", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project"], "help": "Extra definitions added project compile."},
                 {"name": "extra_files_tar", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project"],
                  "help": "If given, during generate_project, uncompress the tarball at this path into the project dir."},
                 {"name": "gdbserver_port", "choices": null, "default": null, "type": "int", "required": null,
                  "optional": ["open_transport"], "help": "If given, port number to use when running the local gdbserver."},
                 {"name": "serial_number", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["open_transport", "flash"], "help": "Board serial number."},
                 {"name": "west_cmd", "choices": null, "default": "/usr/bin/python3 -m west", "type": "str",
                  "required": null, "optional": ["generate_project", "build", "flash", "open_transport"],
                  "help": "Path to the west tool. If given, supersedes both the zephyr_base option and ZEPHYR_BASE environment variable."},
                 {"name": "zephyr_base", "choices": null, "default": null, "type": "str",
                  "required": ["generate_project", "open_transport"], "optional": ["build"],
                  "help": "Path to the zephyr base directory."},
                 {"name": "config_main_stack_size", "choices": null, "default": null, "type": "int", "required": null,
                  "optional": ["generate_project"], "help": "Sets CONFIG_MAIN_STACK_SIZE for Zephyr board."},
                 {"name": "arm_fvp_path", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project", "open_transport"], "help": "Path to the FVP binary to invoke."},
                 {"name": "use_fvp", "choices": null, "default": false, "type": "bool", "required": null,
                  "optional": ["generate_project"], "help": "Run on the FVP emulator instead of hardware."},
                 {"name": "workspace_size_bytes", "choices": null, "default": null, "type": "int", "required": null,
                  "optional": ["generate_project"], "help": "Sets the value for TVM_WORKSPACE_SIZE_BYTES."}
                ]""");
    }

    /** The Arduino template (docs/project-api.md, "arduino"), no arduino-cli on PATH. */
    static List<ProjectOption> arduino() {
        return options("""
                [
                 {"name": "verbose", "choices": null, "default": false, "type": "bool", "required": null,
                  "optional": ["generate_project"], "help": "Run build with verbose output."},
                 {"name": "project_type", "choices": ["example_project", "host_driven"], "default": null,
                  "type": "str", "required": ["generate_project"], "optional": null,
                  "help": "Type of project to generate."},
                 {"name": "board", "choices": ["due", "feathers2", "metrom4", "spresense", "nano33ble", "portentah7",
                  "pybadge", "rpipico", "teensy40", "teensy41", "wioterminal"], "default": null, "type": "str",
                  "required": ["generate_project"], "optional": ["flash", "open_transport"],
                  "help": "Name of the board to build for."},
                 {"name": "cmsis_path", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project"], "help": "Path to the CMSIS directory."},
                 {"name": "warning_as_error", "choices": null, "default": false, "type": "bool", "required": null,
                  "optional": ["build", "flash"], "help": "Treat warnings as errors and raise an Exception."},
                 {"name": "compile_definitions", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project"], "help": "Extra definitions added project compile."},
                 {"name": "extra_files_tar", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["generate_project"],
                  "help": "If given, during generate_project, uncompress the tarball at this path into the project dir."},
                 {"name": "arduino_cli_cmd", "choices": null, "default": null, "type": "str",
                  "required": ["generate_project", "build", "flash", "open_transport"], "optional": null,
                  "help": "Path to the arduino-cli tool."},
                 {"name": "port", "choices": null, "default": null, "type": "int", "required": null,
                  "optional": ["flash", "open_transport"], "help": "Port to use for connecting to hardware."},
                 {"name": "serial_number", "choices": null, "default": null, "type": "str", "required": null,
                  "optional": ["open_transport", "flash"], "help": "Board serial number."}
                ]""");
    }
}
