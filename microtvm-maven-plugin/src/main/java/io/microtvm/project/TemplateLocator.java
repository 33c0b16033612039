package io.microtvm.project;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.options.NearestName;
import io.microtvm.projectapi.ServerLauncher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the template directory for a platform name: first the templates bundled with the plugin,
 * then an installed TVM's {@code microtvm_template_projects} directory. A user {@code templateDir}
 * wins over both.
 */
public final class TemplateLocator {
    /**
     * The directory name TVM's CMake build fills with its templates (docs/project-api.md, "Where
     * TVM keeps its templates").
     */
    public static final String TVM_TEMPLATE_PROJECTS = "microtvm_template_projects";

    private final BundledTemplates bundled;
    private final Path extractionRoot;
    private final Optional<Path> tvmTemplateProjects;

    /**
     * @param bundled             the plugin's own templates
     * @param extractionRoot      where bundled templates are extracted (under {@code target/})
     * @param tvmTemplateProjects an installed TVM's {@code microtvm_template_projects} dir, if any
     */
    public TemplateLocator(BundledTemplates bundled, Path extractionRoot, Optional<Path> tvmTemplateProjects) {
        this.bundled = bundled;
        this.extractionRoot = extractionRoot;
        this.tvmTemplateProjects = tvmTemplateProjects;
    }

    /**
     * Finds TVM's template projects the way TVM does (next to a library on {@code TVM_LIBRARY_PATH}),
     * or under {@code $TVM_HOME/build}.
     */
    public static Optional<Path> findInstalledTvm(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        String libPath = env.get("TVM_LIBRARY_PATH");
        if (libPath != null) {
            for (String entry : libPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    Path p = Path.of(entry);
                    candidates.add((Files.isRegularFile(p) ? p.getParent() : p).resolve(TVM_TEMPLATE_PROJECTS));
                }
            }
        }
        String home = env.get("TVM_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "build", TVM_TEMPLATE_PROJECTS));
        }
        return candidates.stream().filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).findFirst();
    }

    /** Resolves {@code templateDir} if given, else the platform by name. */
    public Template locate(String platform, Path templateDir) throws MicroTvmException {
        if (templateDir != null) {
            Path dir = templateDir.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw MicroTvmException.badSetting(Setting.TEMPLATE_DIR, "Template directory " + dir
                        + " does not exist.");
            }
            if (!ServerFiles.hasServer(dir)) {
                throw new MicroTvmException(Fault.CONFIGURATION, "Template directory " + dir
                        + " holds no Project API server: expected "
                        + ServerLauncher.LAUNCH_SCRIPT + " or " + ServerLauncher.SERVER_SCRIPT + " (parameter templateDir).");
            }
            return new Template(null, dir, TemplateSource.USER);
        }
        if (platform == null || platform.isBlank()) {
            throw MicroTvmException.badSetting(Setting.PLATFORM, "No platform given: give a platform or a template"
                    + " directory.");
        }
        Map<String, Template> available;
        try {
            available = available();
        } catch (IOException e) {
            throw MicroTvmException.ioFailure("list the templates", e);
        }
        Template t = available.get(platform);
        if (t == null) {
            String suggestion = NearestName.among(platform, available.keySet())
                    .map(name -> " Did you mean '" + name + "'?").orElse("");
            throw MicroTvmException.badSetting(Setting.TEMPLATE_DIR, "Unknown platform '" + platform + "'."
                    + suggestion + " Platforms found: " + describe(available.values()) + ". A template elsewhere is"
                    + " used through its directory" + (tvmTemplateProjects.isEmpty()
                            ? "; an installed TVM's " + TVM_TEMPLATE_PROJECTS + " directory is added through the"
                            + " tvmTemplateProjects setting."
                            : "."));
        }
        return t;
    }

    /**
     * TVM's {@code standalone_crt} for a template of an installed TVM: its CMake build puts it beside
     * {@code microtvm_template_projects}. TVM's templates copy the CRT from it in generate_project;
     * the bundled templates use the MLF's own {@code runtime/} and need none.
     */
    public Optional<Path> standaloneCrtFor(Template template) {
        return crtCandidate(template).filter(Files::isDirectory);
    }

    /**
     * Where a TVM build would have the standalone CRT for {@code template}: beside the
     * {@code microtvm_template_projects} it came from, or that a {@code templateDir} lies in. Empty for
     * bundled templates and for a templateDir outside a TVM build.
     */
    public Optional<Path> crtCandidate(Template template) {
        Path projects = null;
        if (template.source() == TemplateSource.TVM) {
            projects = tvmTemplateProjects.map(p -> p.toAbsolutePath().normalize()).orElse(null);
        } else if (template.source() == TemplateSource.USER) {
            Path parent = template.dir().toAbsolutePath().normalize().getParent();
            if (parent != null && parent.getFileName() != null
                    && parent.getFileName().toString().equals(TVM_TEMPLATE_PROJECTS)) {
                projects = parent;
            }
        }
        return projects == null ? Optional.empty() : Optional.of(projects.resolveSibling("standalone_crt"));
    }

    /** All platforms by name; a bundled template hides a TVM one of the same name. */
    public Map<String, Template> available() throws IOException {
        Map<String, Template> found = new LinkedHashMap<>();
        Path bundledDir = null;
        for (String name : bundled.platforms()) {
            if (bundledDir == null) {
                bundledDir = bundled.extractTo(extractionRoot);
            }
            found.put(name, new Template(name, bundledDir.resolve(name), TemplateSource.BUNDLED));
        }
        if (tvmTemplateProjects.isPresent() && Files.isDirectory(tvmTemplateProjects.get())) {
            try (Stream<Path> dirs = Files.list(tvmTemplateProjects.get())) {
                for (Path d : dirs.filter(Files::isDirectory).filter(ServerFiles::hasServer).sorted().toList()) {
                    String name = d.getFileName().toString();
                    found.putIfAbsent(name, new Template(name, d.toAbsolutePath().normalize(), TemplateSource.TVM));
                }
            }
        }
        return found;
    }

    private static String describe(java.util.Collection<Template> templates) {
        if (templates.isEmpty()) {
            return "none";
        }
        return templates.stream().map(t -> t.platform() + " (" + t.source().label() + ")")
                .collect(Collectors.joining(", "));
    }
}
