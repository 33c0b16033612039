package io.microtvm.projectapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reply to {@code server_info_query} (docs/project-api.md, "server_info_query").
 *
 * @param platformName           e.g. {@code host}, {@code zephyr}, {@code arduino}
 * @param isTemplate             true for a template, false for a generated project
 * @param modelLibraryFormatPath the MLF of a generated project; empty for templates
 * @param projectOptions         what the server accepts, in the server's order
 * @param protocolVersion        always 1 once the client has accepted the reply
 * @param firmwareImages         extra key {@code firmware_images} of the bundled templates: artifact
 *                               extension to the path, relative to a generated project, of each image
 *                               its build writes; empty when the server declares none
 * @param requiredTools          extra key {@code required_tools}: the programs the methods run; empty
 *                               when the server declares none (it may still need some)
 */
public record ServerInfo(
        String platformName,
        boolean isTemplate,
        String modelLibraryFormatPath,
        List<ProjectOption> projectOptions,
        int protocolVersion,
        Map<String, String> firmwareImages,
        List<RequiredTool> requiredTools) {

    public ServerInfo {
        projectOptions = List.copyOf(projectOptions);
        firmwareImages = firmwareImages == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(firmwareImages));
        requiredTools = requiredTools == null ? List.of() : List.copyOf(requiredTools);
        modelLibraryFormatPath = modelLibraryFormatPath == null ? "" : modelLibraryFormatPath;
    }

    /**
     * The four keys a handler supplies (docs/project-api.md, "server_info_query"), without the
     * bundled templates' extra keys.
     */
    public ServerInfo(String platformName, boolean isTemplate, String modelLibraryFormatPath,
                      List<ProjectOption> projectOptions, int protocolVersion) {
        this(platformName, isTemplate, modelLibraryFormatPath, projectOptions, protocolVersion, null, null);
    }

    /** The same reply with other options (e.g. types corrected), its extra keys kept. */
    public ServerInfo withOptions(List<ProjectOption> options) {
        return new ServerInfo(platformName, isTemplate, modelLibraryFormatPath, options, protocolVersion,
                firmwareImages, requiredTools);
    }

    public Optional<ProjectOption> option(String name) {
        return projectOptions.stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
