package io.microtvm.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which files of a project its template generated, so that a project that is regenerated loses
 * nothing someone put into it: files added or edited after generation are reported by name and
 * copied to {@code <project>.replaced/} beside the project before it is replaced.
 *
 * <p>The build output ({@code build/}), the record itself and Python's byte-code caches (running a
 * project's server writes them) are neither generated nor the user's.
 */
public final class GeneratedFiles {
    /** Suffix of the dir beside a project that keeps the files a regeneration would have lost. */
    public static final String REPLACED_SUFFIX = ".replaced";

    private GeneratedFiles() {
    }

    /** Every file of the freshly generated {@code projectDir}, relative path to SHA-256: the record's list. */
    public static Map<String, String> listOf(Path projectDir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path file : filesOf(projectDir)) {
            files.put(relative(projectDir, file), Digests.sha256(file));
        }
        return files;
    }

    /**
     * The files of {@code projectDir} that its template did not generate, or that were edited since:
     * relative paths, sorted. A record of an older plugin has no list: then every file counts.
     */
    public static List<String> notGenerated(Path projectDir, ProjectRecord record) throws IOException {
        Map<String, String> generated = record.generatedFiles();
        List<String> found = new ArrayList<>();
        for (Path file : filesOf(projectDir)) {
            String name = relative(projectDir, file);
            String digest = generated == null ? null : generated.get(name);
            if (digest == null || !digest.equals(Digests.sha256(file))) {
                found.add(name);
            }
        }
        return found;
    }

    /** Where the files a regeneration of {@code projectDir} would lose are kept. */
    public static Path replacedDir(Path projectDir) {
        return projectDir.resolveSibling(projectDir.getFileName() + REPLACED_SUFFIX);
    }

    /**
     * Copies {@code files} of {@code projectDir} into {@link #replacedDir}, at the same relative
     * paths. Files kept by an earlier regeneration stay, unless a file of the same name replaces them.
     */
    public static Path keepAside(Path projectDir, List<String> files) throws IOException {
        Path target = replacedDir(projectDir);
        for (String name : files) {
            Path to = target.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(projectDir.resolve(name), to, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target;
    }

    private static List<Path> filesOf(Path projectDir) throws IOException {
        Path buildDir = projectDir.resolve(GeneratedProject.BUILD_DIR);
        Path record = ProjectRecord.fileIn(projectDir);
        try (Stream<Path> walk = Files.walk(projectDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(buildDir) && !p.equals(record))
                    .filter(p -> !p.toString().contains("__pycache__") && !p.toString().endsWith(".pyc"))
                    .sorted()
                    .toList();
        }
    }

    private static String relative(Path projectDir, Path file) {
        return projectDir.relativize(file).toString().replace('\\', '/');
    }
}
