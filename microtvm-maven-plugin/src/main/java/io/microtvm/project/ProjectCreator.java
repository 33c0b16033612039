package io.microtvm.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.options.ResolvedOptions;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ServerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code create-project}: MLF + template → a generated project dir with a {@link ProjectRecord}.
 *
 * <p>The project is generated into a hidden staging dir beside its destination and renamed into
 * place only once it is complete, so a failure or an interruption leaves either the old project or
 * none, never half of one. An existing project made from exactly the same inputs is kept as it is,
 * so that running the lifecycle twice works; one the plugin made under the build output from other
 * inputs is regenerated (see {@link RegenerationDecision}), its files that the template did not
 * generate kept aside ({@link GeneratedFiles}); any other existing dir is replaced only with
 * {@code force}.
 */
public final class ProjectCreator {

    /**
     * @param modelLibraryFormat the MLF archive (.tar)
     * @param template           the template to generate from
     * @param projectDir         destination project dir
     * @param options            the user's options as strings (POM and command line merged)
     * @param force              replace an existing project dir
     * @param pluginVersion      recorded in the project record
     * @param standaloneCrtDir   TVM's {@code standalone_crt} for templates that copy it (TVM's own); may be null
     * @param outputRoot         the build's output dir ({@code target/}): a project the plugin made
     *                           inside it follows its inputs without force; a dir outside it that
     *                           create-project did not make is never replaced, even with force
     * @param modelArtifact      the Maven coordinates {@code modelLibraryFormat} was resolved from, for
     *                           the record; null when the model was given as a file
     */
    public record Request(Path modelLibraryFormat, Template template, Path projectDir, Map<String, String> options,
                          boolean force, String pluginVersion, Path standaloneCrtDir, Path outputRoot,
                          String modelArtifact) {

        /** A model given as a file. */
        public Request(Path modelLibraryFormat, Template template, Path projectDir, Map<String, String> options,
                       boolean force, String pluginVersion, Path standaloneCrtDir, Path outputRoot) {
            this(modelLibraryFormat, template, projectDir, options, force, pluginVersion, standaloneCrtDir, outputRoot,
                    null);
        }

        /** Without a standalone CRT; the project dir's parent is the output root (callers outside Maven). */
        public Request(Path modelLibraryFormat, Template template, Path projectDir, Map<String, String> options,
                       boolean force, String pluginVersion) {
            this(modelLibraryFormat, template, projectDir, options, force, pluginVersion, null,
                    projectDir.toAbsolutePath().normalize().getParent(), null);
        }
    }

    /** What {@link #create} did. */
    public enum Outcome { CREATED, REPLACED, UP_TO_DATE }

    /** Beside the project dir: {@code .microtvm-staging-NAME-UUID}. */
    static final String STAGING_PREFIX = ProjectStaging.PREFIX;

    private final ServerSettings settings;
    private final BuildLog log;

    public ProjectCreator(ServerSettings settings, BuildLog log) {
        this.settings = settings;
        this.log = log;
    }

    public Outcome create(Request request) throws MicroTvmException {
        return MicroTvmException.failingAs("create the project " + request.projectDir(), () -> createOrKeep(request));
    }

    private Outcome createOrKeep(Request request) throws MicroTvmException, IOException {
        Path mlf = checkModelLibraryFormat(request.modelLibraryFormat());
        Path projectDir = request.projectDir().toAbsolutePath().normalize();
        Template template = request.template();
        ProjectStaging.recoverFromInterruption(projectDir, log);
        boolean exists = Files.exists(projectDir);
        if (exists && request.force()) {
            refuseToReplaceForeignDir(projectDir, request.outputRoot());
        }
        String templateDigest = Digests.sha256Tree(template.dir());
        String mlfDigest = Digests.sha256(mlf);

        try (ProjectApiSession session = ProjectApiSession.start(template.dir(), settings, request.options(),
                template.describe())) {
            session.requireTemplate(MicroTvmException.badSetting(Setting.TEMPLATE_DIR, template.describe()
                    + " is a generated project, not a template (its server reports is_template=false): give the"
                    + " directory of a template."));
            ServerInfo info = session.info();
            ResolvedOptions resolved = session.resolve(ProjectMethod.GENERATE_PROJECT);
            Optional<ProjectRecord> existing = exists ? ProjectRecord.readFrom(projectDir) : Optional.empty();
            if (exists && !request.force()) {
                var inputs = new RegenerationDecision.Inputs(template, templateDigest, mlf, mlfDigest,
                        generationOptions(info, resolved, request.options()));
                RegenerationDecision decision = RegenerationDecision.decide(existing,
                        isUnder(projectDir, request.outputRoot()), inputs);
                switch (decision.action()) {
                    case KEEP -> {
                        log.info("Project " + projectDir + " is up to date with " + mlf.getFileName() + " and "
                                + template.describe() + "; keeping it (set force to re-create it)");
                        return Outcome.UP_TO_DATE;
                    }
                    case REFUSE -> throw MicroTvmException.badSetting(Setting.FORCE, "The project dir " + projectDir
                            + " already exists: " + String.join("; ", decision.changes()) + ". It was left untouched. "
                            + (existing.isPresent() ? "It lies outside the build output " + request.outputRoot()
                            + ", where only force replaces a project. " : "")
                            + "Replace it with force, or choose another project dir.");
                    case REGENERATE -> log.info("Regenerating " + projectDir + ": " + String.join("; ", decision.changes()));
                }
            }
            if (existing.isPresent()) {
                keepFilesNotGenerated(projectDir, existing.get());
            }
            for (String name : resolved.notUsedByMethod()) {
                log.debug("Option '" + name + "' is not declared for generate_project; it is kept for later goals");
            }
            long start = System.nanoTime();
            generateInStaging(session, request, resolved, mlf, projectDir, templateDigest, mlfDigest);
            log.info("Created project " + projectDir + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return exists ? Outcome.REPLACED : Outcome.CREATED;
    }

    private static boolean isUnder(Path dir, Path outputRoot) {
        return outputRoot != null && dir.startsWith(outputRoot.toAbsolutePath().normalize());
    }

    /**
     * Files someone added to (or edited in) a project the plugin made are named, and copied beside
     * it, before the project is replaced: a regeneration must not lose them silently.
     */
    private void keepFilesNotGenerated(Path projectDir, ProjectRecord record) throws IOException {
        List<String> files = GeneratedFiles.notGenerated(projectDir, record);
        if (files.isEmpty()) {
            return;
        }
        Path kept = GeneratedFiles.keepAside(projectDir, files);
        int shown = Math.min(files.size(), 20);
        log.warn(files.size() + " file" + (files.size() == 1 ? "" : "s") + " of " + projectDir + " "
                + (files.size() == 1 ? "was" : "were") + " not generated by the template"
                + (record.generatedFiles() == null ? " (its record, from an older plugin, lists none)" : "")
                + " or changed since: " + String.join(", ", files.subList(0, shown))
                + (files.size() > shown ? " and " + (files.size() - shown) + " more" : "")
                + ". The project is replaced; they are kept in " + kept + " (until the next clean).");
    }

    /** Even with force, a dir outside target/ that create-project did not make is the user's: never deleted. */
    private static void refuseToReplaceForeignDir(Path projectDir, Path outputRoot) throws MicroTvmException {
        if (!ProjectRecord.existsIn(projectDir) && !isUnder(projectDir, outputRoot)) {
            throw new MicroTvmException(Fault.CONFIGURATION, "Refusing to replace " + projectDir
                    + " even with force: it was not made by"
                    + " create-project (it has no " + ProjectRecord.FILE_NAME + ") and lies outside the build"
                    + " output " + outputRoot + ". Delete it yourself, or choose another projectDir.");
        }
    }

    /**
     * The typed values of the options that decide whether an existing project is still this build's
     * project: those generate_project takes, but for the ones the build also takes and this build
     * gives (build receives them, so a change rebuilds the project rather than regenerate it).
     */
    private static Map<String, JsonNode> generationOptions(ServerInfo info, ResolvedOptions resolved,
                                                           Map<String, String> given) {
        Map<String, JsonNode> used = new TreeMap<>();
        for (var option : info.projectOptions()) {
            boolean followedByBuild = option.appliesTo(ProjectMethod.BUILD) && given != null
                    && given.containsKey(option.name());
            if (option.appliesTo(ProjectMethod.GENERATE_PROJECT) && !followedByBuild) {
                used.put(option.name(), resolved.options().get(option.name()));
            }
        }
        return used;
    }

    /** Generates, checks and records the project in staging, then moves it into place. */
    private void generateInStaging(ProjectApiSession session, Request request, ResolvedOptions resolved, Path mlf,
                                   Path projectDir, String templateDigest, String mlfDigest)
            throws MicroTvmException, IOException {
        Template template = request.template();
        try (ProjectStaging staging = ProjectStaging.create(projectDir)) {
            Path stagedProject = staging.project();
            log.info("Generating " + projectDir + " from " + mlf.getFileName() + " with " + template.describe());
            log.debug("Template dir: " + template.dir());
            session.generateProject(mlf, request.standaloneCrtDir(), stagedProject, log);
            if (!Files.isDirectory(stagedProject)) {
                throw new MicroTvmException(Fault.CONFIGURATION, template.describe()
                        + " reported success for generate_project but"
                        + " created no project dir " + stagedProject);
            }
            // TVM checks the generated project's own server the same way (docs/project-api.md,
            // "What TVM calls, in which order", case E3).
            ServerInfo info;
            try (ProjectApiSession generated = ProjectApiSession.start(stagedProject, settings, request.options(),
                    "project " + stagedProject)) {
                info = generated.requireProject("The project generated by " + template.describe()
                        + " still reports is_template=true: the template did not copy the model into it.").info();
            }
            new ProjectRecord(ProjectRecord.FORMAT_VERSION, request.pluginVersion(), template.platform(),
                    template.dir().toString(), templateDigest, mlf.toString(), mlfDigest, request.options(),
                    resolved.options(), Instant.now().toString(), GeneratedFiles.listOf(stagedProject),
                    request.modelArtifact(), info.firmwareImages()).writeTo(stagedProject);
            staging.moveIntoPlace();
        }
    }

    static Path checkModelLibraryFormat(Path mlf) throws MicroTvmException {
        if (mlf == null) {
            throw MicroTvmException.badSetting(Setting.MLF, "No model given: give a TVM Model Library Format archive"
                    + " (.tar).");
        }
        Path abs = mlf.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw MicroTvmException.badSetting(Setting.MLF, "MLF file " + abs + " does not exist.");
        }
        if (!Files.isRegularFile(abs)) {
            throw MicroTvmException.badSetting(Setting.MLF, "MLF " + abs + " is not a file: the model must be a Model"
                    + " Library Format archive (.tar), as written by tvm.micro.export_model_library_format.");
        }
        if (!Files.isReadable(abs)) {
            throw MicroTvmException.badSetting(Setting.MLF, "MLF file " + abs + " is not readable by this build: check"
                    + " its permissions.");
        }
        return abs;
    }
}
