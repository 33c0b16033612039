package io.microtvm.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What the plugin itself reads from a Model Library Format archive (the templates read the rest):
 * {@code metadata.json}, which code files there are and their text where small, and whether it
 * carries TVM's standalone CRT under {@code runtime/}. Member names are normalised (a leading
 * {@code ./} removed); a member leaving the archive ({@code ..}, absolute) is refused. The format:
 * docs/mlf.md, "The archive", "Files in a version 7 archive" and "metadata.json".
 */
public final class ModelArchive {

    /** Files of the standalone CRT that TVM's templates copy from {@code standalone_crt_dir}. */
    static final String[] CRT_PROBES = {"include/tvm/runtime/c_runtime_api.h", "src/runtime/crt/common/crt_runtime_api.c"};
    // generated C files are read for a few markers; larger ones (weights) are skipped
    private static final long MAX_TEXT_BYTES = 8L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final JsonNode metadata;
    private final Map<String, String> codeTexts;
    private final boolean hasRuntime;

    private ModelArchive(Path path, JsonNode metadata, Map<String, String> codeTexts, boolean hasRuntime) {
        this.path = path;
        this.metadata = metadata;
        this.codeTexts = codeTexts;
        this.hasRuntime = hasRuntime;
    }

    /** Reads the archive once. */
    public static ModelArchive read(Path mlf) throws MicroTvmException {
        return MicroTvmException.failingAs("read the model archive " + mlf, () -> readArchive(mlf));
    }

    private static ModelArchive readArchive(Path mlf) throws MicroTvmException, IOException {
        JsonNode metadata = null;
        Map<String, String> code = new LinkedHashMap<>();
        int probes = 0;
        try (TarArchiveInputStream tar = open(mlf)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = normalised(mlf, entry.getName());
                if (!entry.isFile()) {
                    continue;
                }
                if (name.equals("metadata.json")) {
                    metadata = JSON.readTree(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                } else if (name.startsWith("codegen/host/") && entry.getSize() <= MAX_TEXT_BYTES) {
                    code.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
                for (String probe : CRT_PROBES) {
                    if (name.equals("runtime/" + probe)) {
                        probes++;
                    }
                }
            }
        }
        if (metadata == null) {
            throw MicroTvmException.badSetting(Setting.MLF, mlf + " has no metadata.json: it is not a Model Library"
                    + " Format archive");
        }
        return new ModelArchive(mlf, metadata, Map.copyOf(code), probes == CRT_PROBES.length);
    }

    public Path path() {
        return path;
    }

    public JsonNode metadata() {
        return metadata;
    }

    /** Generated code files under {@code codegen/host/} (each up to 8 MiB) by normalised name. */
    public Map<String, String> codeTexts() {
        return codeTexts;
    }

    /** Whether the archive carries TVM's standalone CRT under {@code runtime/} (AOT exports with runtime crt). */
    public boolean hasRuntime() {
        return hasRuntime;
    }

    /** The single module of a v7 archive ({@code modules.NAME}), or the top level of an older one. */
    public Optional<Map.Entry<String, JsonNode>> module() {
        JsonNode modules = metadata.get("modules");
        if (modules != null && modules.isObject() && modules.size() == 1) {
            var it = modules.fields();
            return Optional.of(it.next());
        }
        if (modules == null && metadata.has("executors")) {
            return Optional.of(Map.entry(metadata.path("model_name").asText("default"), metadata));
        }
        return Optional.empty();
    }

    /**
     * Extracts {@code runtime/} into {@code target} (its include/, src/ and CMakeLists.txt at the top),
     * replacing what an earlier extraction left there only once the new copy is complete.
     */
    public Path extractRuntime(Path target) throws MicroTvmException {
        return MicroTvmException.failingAs("extract runtime/ of " + path + " into " + target,
                () -> extractRuntimeInto(target));
    }

    private Path extractRuntimeInto(Path target) throws MicroTvmException, IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, ".runtime-");
        try {
            extract(entryName -> entryName.startsWith("runtime/"), "runtime/", staging);
            if (Files.exists(target)) {
                io.microtvm.AtomicFiles.deleteTree(target);
            }
            io.microtvm.AtomicFiles.rename(staging, target);
        } finally {
            io.microtvm.AtomicFiles.deleteTreeQuietly(staging);
        }
        return target;
    }

    private void extract(Predicate<String> wanted, String prefix, Path into) throws MicroTvmException, IOException {
        try (TarArchiveInputStream tar = open(path)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = normalised(path, entry.getName());
                if (!wanted.test(name) || !(entry.isFile() || entry.isDirectory())) {
                    continue; // links are not followed or made
                }
                Path out = into.resolve(name.substring(prefix.length())).normalize();
                if (!out.startsWith(into)) {
                    throw new MicroTvmException(Fault.CONFIGURATION, path + ": member " + entry.getName()
                            + " leaves the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                }
            }
        }
    }

    private static TarArchiveInputStream open(Path mlf) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(mlf));
        return new TarArchiveInputStream(in);
    }

    private static String normalised(Path mlf, String name) throws MicroTvmException {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.startsWith("/") || n.equals("..") || n.startsWith("../") || n.contains("/../") || n.endsWith("/..")) {
            throw new MicroTvmException(Fault.CONFIGURATION, mlf + ": member " + name
                    + " leaves the archive; refusing to read it");
        }
        return n;
    }
}
