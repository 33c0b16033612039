package io.microtvm.compile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.microtvm.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the MLF in a compile dir was compiled from, written beside it after each compile, so that
 * the next build can tell whether it is still up to date without starting TVM.
 *
 * @param formatVersion   version of this file's layout; readers refuse newer ones
 * @param pluginVersion   version of the plugin that compiled
 * @param model           absolute path of the model file
 * @param modelDigest     SHA-256 of the model file
 * @param modelFormat     tvmc's name of its format
 * @param settings        the effective settings ({@link CompileSettings#toRecord()})
 * @param tvmVersion      {@code tvm.__version__} of the TVM that compiled
 * @param tvmLocation     where that TVM was imported from
 * @param command         the tvmc command line
 * @param mlfDigest       SHA-256 of the MLF written
 * @param compiledAt      ISO-8601 instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompileRecord(
        int formatVersion,
        String pluginVersion,
        String model,
        String modelDigest,
        String modelFormat,
        JsonNode settings,
        String tvmVersion,
        String tvmLocation,
        List<String> command,
        String mlfDigest,
        String compiledAt) {

    public static final String FILE_NAME = "microtvm-compile.json";
    public static final int FORMAT_VERSION = 1;

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Path fileIn(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /**
     * The settings as the record holds them: numbers and strings read back from JSON compare equal to
     * the ones written only after the same round trip.
     */
    static JsonNode settingsNode(CompileSettings settings) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(settings.toRecord()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("compile settings are plain maps and lists", e);
        }
    }

    /** The record in {@code dir}; empty when there is none or it cannot be read (then the model is compiled again). */
    public static Optional<CompileRecord> readFrom(Path dir) {
        try {
            CompileRecord record = MAPPER.readValue(Files.readAllBytes(fileIn(dir)), CompileRecord.class);
            return record.formatVersion() > FORMAT_VERSION ? Optional.empty() : Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the record into {@code dir} atomically. */
    public void writeTo(Path dir) throws IOException {
        AtomicFiles.writeAtomically(fileIn(dir), (MAPPER.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
