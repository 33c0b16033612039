package io.microtvm.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.AtomicFiles;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.options.TypedValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a generated project was made from, written by {@code create-project} into the project dir
 * so that {@code build}, {@code flash} and {@code run} need neither the platform nor the options
 * repeated (RFC "TVMC micro", unresolved questions 1 and 2).
 *
 * @param formatVersion       version of this file's layout; readers refuse newer ones
 * @param pluginVersion       version of the plugin that created the project
 * @param platform            platform name the template was chosen by, or null for a {@code templateDir}
 * @param templateDir         absolute template directory the project was generated from
 * @param templateDigest      SHA-256 of the template tree (see {@link Digests#sha256Tree})
 * @param modelLibraryFormat  absolute path of the MLF archive given by the user
 * @param modelLibraryFormatDigest SHA-256 of that archive
 * @param options             the options as the user gave them (strings), POM and command line merged
 * @param resolvedOptions     the typed options sent to {@code generate_project}, defaults filled, in the
 *                            canonical form of {@link TypedValues} (integral numbers as longs)
 * @param createdAt           ISO-8601 instant of creation
 * @param generatedFiles      every file the template generated (relative path, {@code /}-separated, to
 *                            its SHA-256), so that files added or edited later can be told apart and
 *                            kept when the project is regenerated; null in records of older plugins
 * @param modelArtifact       Maven coordinates the model was resolved from ({@code modelArtifact}), or
 *                            null when it was given as a file
 * @param firmwareImages      the images the project's build writes, as its server declared them
 *                            (extension to path relative to the project); empty when it declared none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProjectRecord(
        int formatVersion,
        String pluginVersion,
        String platform,
        String templateDir,
        String templateDigest,
        String modelLibraryFormat,
        String modelLibraryFormatDigest,
        Map<String, String> options,
        ObjectNode resolvedOptions,
        String createdAt,
        Map<String, String> generatedFiles,
        String modelArtifact,
        Map<String, String> firmwareImages) {

    /** Name of the record file inside a generated project dir. */
    public static final String FILE_NAME = "microtvm-project.json";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ProjectRecord {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        // numbers come back from JSON in the smallest node that fits: keep them in one form, so
        // that a record read back equals the record written and compares with fresh options
        resolvedOptions = TypedValues.canonical(resolvedOptions);
        generatedFiles = generatedFiles == null ? null
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(generatedFiles));
        firmwareImages = firmwareImages == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(firmwareImages));
    }

    /** A record without a list of generated files or model coordinates. */
    public ProjectRecord(int formatVersion, String pluginVersion, String platform, String templateDir,
                         String templateDigest, String modelLibraryFormat, String modelLibraryFormatDigest,
                         Map<String, String> options, ObjectNode resolvedOptions, String createdAt) {
        this(formatVersion, pluginVersion, platform, templateDir, templateDigest, modelLibraryFormat,
                modelLibraryFormatDigest, options, resolvedOptions, createdAt, null, null, null);
    }

    public static Path fileIn(Path projectDir) {
        return projectDir.resolve(FILE_NAME);
    }

    public static boolean existsIn(Path projectDir) {
        return Files.isRegularFile(fileIn(projectDir));
    }

    /** Reads the record of {@code projectDir}; empty when the dir holds none. */
    public static Optional<ProjectRecord> readFrom(Path projectDir) throws MicroTvmException {
        Path file = fileIn(projectDir);
        ProjectRecord record;
        try {
            record = MAPPER.readValue(Files.readAllBytes(file), ProjectRecord.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw MicroTvmException.badSetting(Setting.FORCE, "Cannot read the project record " + file + ": "
                    + e.getMessage() + ". Create the project again with create-project, replacing it.", e);
        }
        if (record.formatVersion() > FORMAT_VERSION) {
            throw new MicroTvmException(Fault.CONFIGURATION, "The project record " + file + " has format version "
                    + record.formatVersion()
                    + ", newer than this plugin understands (" + FORMAT_VERSION + "). Use the plugin version that"
                    + " created it (" + record.pluginVersion() + ") or re-create the project.");
        }
        return Optional.of(record);
    }

    /**
     * Writes the record into {@code projectDir} atomically: a reader sees the old file or the new
     * one, never a torn one.
     */
    public void writeTo(Path projectDir) throws IOException {
        AtomicFiles.writeAtomically(fileIn(projectDir), toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a project record is always serializable", e);
        }
    }

    /** Where the project came from, for log lines and error messages. */
    public String describeSource() {
        return platform != null ? "platform '" + platform + "'" : "template " + templateDir;
    }
}
