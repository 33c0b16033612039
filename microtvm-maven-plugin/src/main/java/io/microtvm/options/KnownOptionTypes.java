package io.microtvm.options;

import io.microtvm.projectapi.ProjectOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Option declarations of TVM's own templates whose code uses another type than the one declared
 * (docs/project-api.md, "TVM's own templates" and "Typed values"), and the type the code really
 * takes. TVM's servers report no version of their own; an entry applies when the platform name, the
 * TVM version the plugin sends in {@code server_info_query}, the option's name and its declared
 * type and methods all match, so a template that fixed its declaration, or a foreign template that
 * happens to share a name, is left as it is.
 */
final class KnownOptionTypes {

    /**
     * @param platform   {@code platform_name} of the server's reply
     * @param option     option name
     * @param declared   the type the template declares
     * @param methods    the methods it declares the option for (required and optional, in any order)
     * @param actual     the type its code uses
     * @param minVersion first TVM version with this declaration (inclusive, major.minor)
     * @param maxVersion last TVM version with microTVM that has it (inclusive, major.minor)
     * @param why        what the code does with the value, for the log
     */
    record Entry(String platform, String option, String declared, List<String> methods, OptionType actual,
                 int[] minVersion, int[] maxVersion, String why) {
        String versions() {
            return minVersion[0] + "." + minVersion[1] + "-" + maxVersion[0] + "." + maxVersion[1];
        }
    }

    private static final int[] V0_12 = {0, 12};
    private static final int[] V0_18 = {0, 18};

    static final List<Entry> TABLE = List.of(
            new Entry("arduino", "port", "int", List.of("flash", "open_transport"), OptionType.STR, V0_12, V0_18,
                    "its server passes it to make and pyserial as a device path such as /dev/ttyACM0"),
            new Entry("arduino", "compile_definitions", "str", List.of("generate_project"), OptionType.LIST, V0_12,
                    V0_18, "its server iterates it as a list of flags"),
            new Entry("zephyr", "gdbserver_port", "int", List.of("open_transport"), OptionType.STR, V0_12, V0_18,
                    "its server puts it into the environment (TVM_QEMU_GDBSERVER_PORT), which takes only strings"),
            new Entry("zephyr", "compile_definitions", "str", List.of("generate_project"), OptionType.LIST, V0_12,
                    V0_18, "its server iterates it as a list of flags"));

    private static final Set<String> PLATFORMS = TABLE.stream().map(Entry::platform).collect(Collectors.toSet());

    private KnownOptionTypes() {
    }

    static Optional<Entry> lookup(String platform, String tvmVersion, ProjectOption option) {
        // most servers are of platforms the table does not know (the bundled ones): asked on every query
        if (!PLATFORMS.contains(platform)) {
            return Optional.empty();
        }
        int[] version = majorMinor(tvmVersion);
        if (version == null) {
            return Optional.empty();
        }
        List<String> methods = new java.util.ArrayList<>(option.required());
        methods.addAll(option.optional());
        return TABLE.stream()
                .filter(e -> e.platform().equals(platform) && e.option().equals(option.name())
                        && e.declared().equalsIgnoreCase(option.type().strip())
                        && methods.size() == e.methods().size() && methods.containsAll(e.methods())
                        && compare(version, e.minVersion()) >= 0 && compare(version, e.maxVersion()) <= 0)
                .findFirst();
    }

    /** "0.18.0" and "0.13.dev0" to {0, 18} and {0, 13}; null when not of that form. */
    static int[] majorMinor(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.strip().split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }
}
