package io.microtvm.project;

import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.RequiredTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether this agent has the programs a template's methods run ({@code make}, a C compiler, the Arm
 * toolchain, QEMU), as the template declares them ({@code required_tools} in its
 * {@code server_info_query} reply): what {@code skipIfUnavailable} decides by, so that a CI fleet
 * with and without emulators runs one POM.
 */
public final class ToolAvailability {
    // "{toolchain_prefix}gcc": an option's value, then a fixed suffix
    private static final Pattern OPTION_COMMAND = Pattern.compile("\\{([A-Za-z0-9_]+)}(.*)");

    private ToolAvailability() {
    }

    /**
     * What is missing of what the server in {@code dir} (a template or a generated project) declares,
     * as one sentence for the build log; empty when everything is there or nothing is declared.
     *
     * @param subject the template or project, as messages name it
     */
    public static Optional<String> check(Path dir, Map<String, String> options, ServerSettings settings,
                                         String subject) throws ProjectApiException {
        List<RequiredTool> tools;
        try (ProjectApiClient server = ProjectServers.start(dir, settings)) {
            tools = ProjectServers.query(server, settings).requiredTools();
        }
        List<String> missing = missing(tools, options, System.getenv("PATH"));
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(subject + " needs " + String.join(", ", missing) + ", not found on PATH");
    }

    /**
     * The declared tools this agent lacks, each as {@code no-such-qemu (option qemu; for open_transport)}.
     *
     * @param options the options as given (a tool named after an option is that option's value, else its default)
     * @param path    the PATH to search
     */
    public static List<String> missing(List<RequiredTool> tools, Map<String, String> options, String path) {
        List<String> missing = new ArrayList<>();
        for (RequiredTool tool : tools) {
            String option = null;
            String command = tool.command();
            Matcher m = OPTION_COMMAND.matcher(command);
            if (m.matches()) {
                option = m.group(1);
                String value = options == null ? null : options.get(option);
                if (value != null && !value.isBlank()) {
                    // the program is the first word of a command such as 'ccache gcc'
                    command = value.strip().split("\\s+")[0] + m.group(2);
                } else if (tool.fallback() != null) {
                    command = tool.fallback();
                    option = option + " unset";
                } else {
                    continue; // nothing to look for
                }
            }
            if (!isOnPath(command, path)) {
                String why = (option == null ? "" : "option " + option + "; ")
                        + (tool.neededFor().isEmpty() ? "" : "for " + String.join(", ", tool.neededFor()));
                missing.add(command + (why.isEmpty() ? "" : " (" + why.replaceAll("; $", "") + ")"));
            }
        }
        return missing;
    }

    static boolean isOnPath(String command, String path) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)) && !Files.isDirectory(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
