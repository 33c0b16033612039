package io.microtvm.projectapi;

import java.util.List;
import java.util.Optional;

/**
 * The reply to {@code server_info_query} (Project API §2.1).
 *
 * @param platformName           e.g. {@code host}, {@code zephyr}, {@code arduino}
 * @param isTemplate             true for a template, false for a generated project
 * @param modelLibraryFormatPath the MLF of a generated project; empty for templates
 * @param projectOptions         what the server accepts, in the server's order
 * @param protocolVersion        always 1 once the client has accepted the reply
 */
public record ServerInfo(
        String platformName,
        boolean isTemplate,
        String modelLibraryFormatPath,
        List<ProjectOption> projectOptions,
        int protocolVersion) {

    public ServerInfo {
        projectOptions = List.copyOf(projectOptions);
        modelLibraryFormatPath = modelLibraryFormatPath == null ? "" : modelLibraryFormatPath;
    }

    public Optional<ProjectOption> option(String name) {
        return projectOptions.stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
