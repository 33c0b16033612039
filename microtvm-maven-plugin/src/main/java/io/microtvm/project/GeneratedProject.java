package io.microtvm.project;

import io.microtvm.AtomicFiles;
import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.RetryPolicy;
import io.microtvm.Setting;
import io.microtvm.Step;
import io.microtvm.options.TypedValues;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ServerErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A project made by {@code create-project}: its dir and {@link ProjectRecord}. Runs the Project API
 * methods that work on a generated project ({@code build}, {@code flash}) through the project's own
 * server, with the recorded options plus any given again for this goal.
 */
public final class GeneratedProject {
    /**
     * The flash option of the bundled templates that names an image to flash instead of the
     * project's build output (a firmware artifact of an earlier build).
     */
    public static final String IMAGE_OPTION = "image";
    /** Where generated projects keep their build output (TVM's templates and ours). */
    public static final String BUILD_DIR = "build";
    /** Inside {@link #BUILD_DIR}: what the last successful build was made from. */
    static final String BUILD_STAMP = ".microtvm-build-stamp";

    private final Path dir;
    private final ProjectRecord record;

    private GeneratedProject(Path dir, ProjectRecord record) {
        this.dir = dir;
        this.record = record;
    }

    /** Opens the project in {@code projectDir}; fails with advice when there is none. */
    public static GeneratedProject open(Path projectDir) throws MicroTvmException {
        Path dir = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw noProject("No project at " + dir + ".");
        }
        ProjectRecord record = ProjectRecord.readFrom(dir).orElseThrow(() -> noProject(
                dir + " was not made by create-project: it has no " + ProjectRecord.FILE_NAME
                        + ". Create it again (with force, as the dir exists)."));
        return new GeneratedProject(dir, record);
    }

    /** The remedy of a goal that needs a project: create one, or point at one. */
    private static MicroTvmException noProject(String message) {
        return MicroTvmException.stepNotRun(Step.CREATE_PROJECT, Setting.PROJECT_DIR, message);
    }

    public Path dir() {
        return dir;
    }

    public ProjectRecord record() {
        return record;
    }

    /**
     * {@code build}; with {@code force} the previous build output is deleted first (a clean build).
     * A build whose project files and options are those of the last successful build is skipped:
     * the lifecycle can run again with any template, also with those (TVM's CRT) that refuse to
     * build over an existing {@code build/}.
     */
    public void build(Map<String, String> overrides, boolean force, ServerSettings settings, BuildLog log)
            throws MicroTvmException {
        try {
            buildIfChanged(overrides, force, settings, log);
        } catch (IOException e) {
            throw new MicroTvmException(Fault.ENVIRONMENT, "Cannot build " + dir + ": " + e.getMessage(), e);
        }
    }

    private void buildIfChanged(Map<String, String> overrides, boolean force, ServerSettings settings, BuildLog log)
            throws MicroTvmException, IOException {
        Path buildDir = dir.resolve(BUILD_DIR);
        if (force && Files.exists(buildDir)) {
            log.info("Deleting " + buildDir + " for a clean build (force)");
            AtomicFiles.deleteTree(buildDir);
        }
        Map<String, String> options = effectiveOptions(overrides, log);
        Path stampFile = buildDir.resolve(BUILD_STAMP);
        String stamp = buildStamp(options);
        if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
            log.info("Build of " + dir + " is up to date: nothing changed since the last build (force rebuilds)");
            return;
        }
        boolean hadBuild = Files.exists(buildDir);
        // a build that fails or is cut short leaves build/ half made: it must not count as up to date
        Files.deleteIfExists(stampFile);
        try {
            invoke(ProjectMethod.BUILD, options, settings, log);
        } catch (ServerErrorException e) {
            if (hadBuild && "FileExistsError".equals(e.errorClass())) {
                throw MicroTvmException.badSetting(Setting.FORCE, record.describeSource() + " cannot build over the"
                        + " existing " + buildDir + " (" + e.getMessage() + "): build clean with force.", e);
            }
            throw e;
        }
        if (Files.isDirectory(buildDir)) {
            AtomicFiles.writeAtomically(stampFile, stamp.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What a build is made from: the project's files (but its build output) and the options. */
    private String buildStamp(Map<String, String> options) throws IOException {
        Path buildDir = dir.resolve(BUILD_DIR);
        // options as values (verbose=TRUE is verbose=true), so that a respelling does not rebuild
        Map<String, String> values = new TreeMap<>();
        options.forEach((name, text) -> values.put(name, canonicalText(name, text)));
        return Digests.sha256Tree(dir, p -> p.startsWith(buildDir)) + " " + values + "\n";
    }

    /** An option's text in canonical form for the type its recorded value has (see {@link TypedValues#canonicalText}). */
    private String canonicalText(String name, String text) {
        return TypedValues.canonicalText(text, record.resolvedOptions() == null ? null
                : record.resolvedOptions().get(name));
    }

    /** {@code flash}: puts the built image onto the board (or the emulator). */
    public void flash(Map<String, String> overrides, ServerSettings settings, BuildLog log)
            throws MicroTvmException {
        flash(overrides, settings, RetryPolicy.NONE, log);
    }

    /**
     * {@code flash}, again after a flash that timed out, as {@code retry} allows: writing the same
     * image twice is harmless, and a board stuck in its bootloader often takes the second one. A
     * flash the template rejected is not retried.
     */
    public void flash(Map<String, String> overrides, ServerSettings settings, RetryPolicy retry, BuildLog log)
            throws MicroTvmException {
        Map<String, String> options = effectiveOptions(overrides, log);
        // with an image to flash (option image), the project's own build is not needed
        if (!options.containsKey(IMAGE_OPTION) && !Files.isDirectory(dir.resolve(BUILD_DIR))) {
            throw MicroTvmException.stepNotRun(Step.BUILD, "Could not find a build in " + dir + ".");
        }
        retry.run("flashing " + dir, () -> {
            invoke(ProjectMethod.FLASH, options, settings, log);
            return null;
        }, log);
    }

    /**
     * The firmware images the project's build wrote, by artifact extension, as its template declared
     * them when the project was created; images the build did not write are left out.
     */
    public Map<String, Path> firmwareImages() {
        Map<String, Path> images = new LinkedHashMap<>();
        record.firmwareImages().forEach((extension, relative) -> {
            Path file = dir.resolve(relative).normalize();
            if (file.startsWith(dir) && Files.isRegularFile(file)) {
                images.put(extension, file);
            }
        });
        return images;
    }

    /** The recorded options with {@code overrides} on top; each change from the record is logged. */
    public Map<String, String> effectiveOptions(Map<String, String> overrides, BuildLog log) {
        Map<String, String> merged = new LinkedHashMap<>(record.options());
        overrides.forEach((name, value) -> {
            String recorded = record.options().get(name);
            if (recorded != null && !Objects.equals(canonicalText(name, recorded), canonicalText(name, value))) {
                log.info("Option '" + name + "' is '" + value + "' for this goal; the project was created with '"
                        + recorded + "'");
            }
            merged.put(name, value);
        });
        return merged;
    }

    /**
     * A session with this project's server for {@code options} (the recorded ones with this goal's on
     * top): started, queried and checked to be a generated project, not a template.
     */
    public ProjectApiSession openSession(Map<String, String> options, ServerSettings settings)
            throws MicroTvmException {
        return ProjectApiSession.start(dir, settings, options, "project " + dir).requireProject(
                MicroTvmException.stepNotRun(Step.CREATE_PROJECT, dir + " is a template, not a generated project"
                        + " (its server reports is_template=true): generate a project from it."));
    }

    private void invoke(ProjectMethod method, Map<String, String> options, ServerSettings settings, BuildLog log)
            throws MicroTvmException {
        try (ProjectApiSession session = openSession(options, settings)) {
            if (method == ProjectMethod.FLASH && options.containsKey(IMAGE_OPTION)
                    && session.info().option(IMAGE_OPTION).filter(o -> o.appliesTo(ProjectMethod.FLASH)).isEmpty()) {
                throw new MicroTvmException(Fault.CONFIGURATION, record.describeSource()
                        + " cannot flash a given image: its server"
                        + " declares no flash option '" + IMAGE_OPTION + "' (the bundled host and qemu-arm templates"
                        + " do). Flash the project's own build instead (unset firmwareArtifact).");
            }
            session.resolve(method); // a bad option fails before the log says what is starting
            long start = System.nanoTime();
            log.info((method == ProjectMethod.BUILD ? "Building " : "Flashing ") + dir + " ("
                    + record.describeSource() + ")");
            session.buildOrFlash(method, log);
            log.info((method == ProjectMethod.BUILD ? "Build" : "Flash") + " done in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }
}
