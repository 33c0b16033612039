package io.microtvm.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table from a template's platform, board and project type to the compile settings that work
 * there (the RFC's "Future possibilities" 2): the target (the board's core, so TVM's Arm schedules
 * apply), and whether the firmware is standalone or host-driven, which decides executor and runtime
 * ({@link CompileSettings#defaults}).
 *
 * <p>Bundled platforms: {@code host} (target {@code c}) and {@code qemu-arm} ({@code c -mcpu=} the
 * core of the board, as in templates/qemu-arm/boards.py). TVM's templates: {@code crt} (host-driven
 * on the host), {@code zephyr} and {@code arduino}, whose boards map to TVM v0.18.0's own targets
 * ({@code tvm.target.target.micro(model)} with the model each template's boards.json gives).
 */
public final class BoardDefaults {

    /** The generic target: portable C. */
    public static final String GENERIC_TARGET = "c";

    /**
     * What the table chose for one template configuration.
     *
     * @param target  the tvmc {@code --target}
     * @param kind    standalone or host-driven
     * @param basis   what the choice was made from, for the log ("platform qemu-arm, board mps2-an385, ...")
     * @param warning why the generic settings were taken, when the table did not know the configuration
     */
    public record Choice(String target, ProjectKind kind, String basis, Optional<String> warning) {
    }

    /** One row of the table, for the README and the tests. */
    public record Row(String platform, String board, String projectType, String target, ProjectKind kind) {
    }

    private record Platform(String defaultBoard, Map<String, String> boardTargets,
                            Map<String, ProjectKind> projectTypes, String defaultProjectType) {
    }

    private static final Map<String, Platform> PLATFORMS = new LinkedHashMap<>();

    static {
        Map<String, ProjectKind> bundledTypes = ordered("standalone", ProjectKind.STANDALONE,
                "host_driven", ProjectKind.HOST_DRIVEN);
        PLATFORMS.put("host", new Platform(null, Map.of(), bundledTypes, "standalone"));
        PLATFORMS.put("qemu-arm", new Platform("mps2-an386", ordered(
                "mps2-an385", "c -mcpu=cortex-m3",
                "mps2-an386", "c -mcpu=cortex-m4",
                "mps2-an500", "c -mcpu=cortex-m7",
                "mps3-an547", "c -mcpu=cortex-m55"), bundledTypes, "standalone"));
        // TVM's crt template: an RPC server on the host, always host-driven; it declares no project_type
        PLATFORMS.put("crt", new Platform(null, Map.of(), Map.of(), null));
        PLATFORMS.put("zephyr", new Platform(null, ordered(
                "b_u585i_iot02a", tvmMicro("stm32u5xx", "-mcpu=cortex-m33"),
                "mimxrt1050_evk", tvmMicro("imxrt10xx", "-mcpu=cortex-m7"),
                "mps2_an521", tvmMicro("mps2_an521", "-mcpu=cortex-m33"),
                "mps3_an547", tvmMicro("mps3_an547", "-mcpu=cortex-m55"),
                "nrf5340dk_nrf5340_cpuapp", tvmMicro("nrf5340dk", "-mcpu=cortex-m33"),
                "nucleo_f746zg", tvmMicro("stm32f746xx", "-mcpu=cortex-m7 -march=armv7e-m"),
                "nucleo_l4r5zi", tvmMicro("stm32l4r5zi", "-mcpu=cortex-m4"),
                "qemu_cortex_r5", tvmMicro("zynq_mp_r5", "-mcpu=cortex-r5"),
                "qemu_riscv32", tvmMicro("host", ""),
                "qemu_riscv64", tvmMicro("host", ""),
                "qemu_x86", tvmMicro("host", ""),
                "stm32f746g_disco", tvmMicro("stm32f746xx", "-mcpu=cortex-m7 -march=armv7e-m")),
                ordered("aot_standalone_demo", ProjectKind.STANDALONE, "mlperftiny", ProjectKind.STANDALONE,
                        "host_driven", ProjectKind.HOST_DRIVEN), null));
        PLATFORMS.put("arduino", new Platform(null, ordered(
                "due", tvmMicro("sam3x8e", "-mcpu=cortex-m3"),
                "feathers2", tvmMicro("esp32", ""),
                "metrom4", tvmMicro("atsamd51", "-mcpu=cortex-m4"),
                "nano33ble", tvmMicro("nrf52840", "-mcpu=cortex-m4+nodsp"),
                "portentah7", tvmMicro("stm32h7xx", "-mcpu=cortex-m7"),
                "pybadge", tvmMicro("atsamd51", "-mcpu=cortex-m4"),
                "rpipico", tvmMicro("rp2040", "-mcpu=cortex-m0"),
                "spresense", tvmMicro("cxd5602gg", "-mcpu=cortex-m4"),
                "teensy40", tvmMicro("imxrt10xx", "-mcpu=cortex-m7"),
                "teensy41", tvmMicro("imxrt10xx", "-mcpu=cortex-m7"),
                "wioterminal", tvmMicro("atsamd51", "-mcpu=cortex-m4")),
                ordered("example_project", ProjectKind.STANDALONE, "host_driven", ProjectKind.HOST_DRIVEN), null));
    }

    private BoardDefaults() {
    }

    /** The string {@code tvm.target.target.micro(model)} builds: c, the model's flags, -model. */
    private static String tvmMicro(String model, String flags) {
        return "c" + (flags.isEmpty() ? "" : " " + flags) + " -model=" + model;
    }

    /**
     * The settings for a template.
     *
     * @param platform    the platform name (parameter {@code platform}); ignored when {@code customTemplate}
     * @param customTemplate the template comes from {@code templateDir}: the table cannot know it
     * @param options     the template options given ({@code board}, {@code project_type})
     */
    public static Choice forTemplate(String platform, boolean customTemplate, Map<String, String> options) {
        String board = option(options, "board");
        String projectType = option(options, "project_type");
        ProjectKind genericKind = genericKind(projectType);
        if (customTemplate) {
            return generic(genericKind, "a templateDir", "the table knows only the platforms "
                    + String.join(", ", PLATFORMS.keySet()));
        }
        String name = platform == null ? "host" : platform.strip();
        Platform p = PLATFORMS.get(name);
        if (p == null) {
            return generic(genericKind, "platform " + name, "the table knows only the platforms "
                    + String.join(", ", PLATFORMS.keySet()));
        }
        String typeUsed = null;
        String boardUsed = null;
        List<String> unknown = new ArrayList<>();
        ProjectKind kind;
        if (p.projectTypes().isEmpty()) {
            kind = ProjectKind.HOST_DRIVEN;
        } else {
            String type = projectType != null ? projectType : p.defaultProjectType();
            if (type == null) {
                unknown.add("no project_type given (" + name + " takes " + String.join(", ", p.projectTypes().keySet()) + ")");
                kind = genericKind;
            } else if (!p.projectTypes().containsKey(type)) {
                unknown.add("project_type '" + type + "' is not one the table knows for " + name + " ("
                        + String.join(", ", p.projectTypes().keySet()) + ")");
                kind = genericKind;
            } else {
                kind = p.projectTypes().get(type);
                typeUsed = type;
            }
        }
        String target = GENERIC_TARGET;
        if (!p.boardTargets().isEmpty()) {
            String b = board != null ? board : p.defaultBoard();
            if (b == null) {
                unknown.add("no board given");
            } else if (!p.boardTargets().containsKey(b)) {
                unknown.add("board '" + b + "' is not one the table knows for " + name + " ("
                        + String.join(", ", p.boardTargets().keySet()) + ")");
            } else {
                target = p.boardTargets().get(b);
                boardUsed = b;
            }
        }
        Optional<String> warning = unknown.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unknown)
                + ": compiling with the generic settings (target " + target + ", " + describe(kind)
                + "); set compileOptions (target, executor, runtime) to override");
        String basis = "platform " + name + (boardUsed == null ? "" : ", board " + boardUsed)
                + (typeUsed == null ? "" : ", project_type " + typeUsed);
        return new Choice(target, kind, basis, warning);
    }

    /** Every row of the table: each platform, board and project type it knows. */
    public static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        PLATFORMS.forEach((name, p) -> {
            Map<String, String> boards = p.boardTargets().isEmpty()
                    ? Map.of("", GENERIC_TARGET) : p.boardTargets();
            Map<String, ProjectKind> types = p.projectTypes().isEmpty()
                    ? Map.of("", ProjectKind.HOST_DRIVEN) : p.projectTypes();
            boards.forEach((board, target) -> types.forEach((type, kind) ->
                    rows.add(new Row(name, board, type, target, kind))));
        });
        return rows;
    }

    static String describe(ProjectKind kind) {
        return kind == ProjectKind.STANDALONE ? "standalone" : "host-driven";
    }

    private static Choice generic(ProjectKind kind, String what, String why) {
        return new Choice(GENERIC_TARGET, kind, what, Optional.of("no default compile settings for " + what + " ("
                + why + "): compiling with the generic settings (target " + GENERIC_TARGET + ", " + describe(kind)
                + "); set compileOptions (target, executor, runtime) to override"));
    }

    /** A project type the table does not know is host-driven when its name says so, else standalone. */
    private static ProjectKind genericKind(String projectType) {
        return projectType != null && projectType.toLowerCase(Locale.ROOT).contains("host_driven")
                ? ProjectKind.HOST_DRIVEN : ProjectKind.STANDALONE;
    }

    private static String option(Map<String, String> options, String name) {
        String v = options == null ? null : options.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
