package io.microtvm.project;

import io.microtvm.AtomicFiles;
import io.microtvm.projectapi.ServerLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The templates shipped inside the plugin (resources under {@value #RESOURCE_ROOT}/). They are
 * extracted once per content into {@code <cacheRoot>/<digest>/}, so a changed plugin never reuses
 * stale files and two builds sharing a cache never see a half-extracted tree.
 */
public final class BundledTemplates {
    static final String RESOURCE_ROOT = "microtvm-templates";
    private static final String COMPLETE_MARKER = ".complete";

    private final Map<String, byte[]> files;

    private BundledTemplates(Map<String, byte[]> files) {
        this.files = files;
    }

    /** Reads the bundled templates from the jar or class directory that holds this class. */
    public static BundledTemplates fromPluginClasspath() throws IOException {
        URL location = BundledTemplates.class.getProtectionDomain().getCodeSource().getLocation();
        Path origin;
        try {
            origin = Paths.get(location.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the plugin's own classes at " + location, e);
        }
        return Files.isDirectory(origin) ? fromDirectory(origin.resolve(RESOURCE_ROOT)) : fromJar(origin);
    }

    static BundledTemplates fromDirectory(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    if (!isCache(rel)) {
                        files.put(rel, Files.readAllBytes(p));
                    }
                }
            }
        }
        return new BundledTemplates(files);
    }

    static BundledTemplates fromJar(Path jar) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        String prefix = RESOURCE_ROOT + "/";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory() && e.getName().startsWith(prefix) && !isCache(e.getName())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        files.put(e.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return new BundledTemplates(files);
    }

    private static boolean isCache(String rel) {
        return rel.contains("__pycache__/") || rel.endsWith(".pyc");
    }

    /** Platform names: the top-level directories that hold a Project API server. */
    public Set<String> platforms() {
        Set<String> names = new java.util.TreeSet<>();
        for (String rel : files.keySet()) {
            int slash = rel.indexOf('/');
            if (slash > 0 && rel.indexOf('/', slash + 1) < 0) {
                String file = rel.substring(slash + 1);
                if (file.equals(ServerLauncher.SERVER_SCRIPT) || file.equals(ServerLauncher.LAUNCH_SCRIPT)) {
                    names.add(rel.substring(0, slash));
                }
            }
        }
        return names;
    }

    /** Digest of names and contents of all bundled files. */
    public String digest() {
        MessageDigest md = Digests.newDigest();
        files.forEach((name, bytes) -> {
            md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(bytes);
            md.update((byte) 0);
        });
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Makes sure the templates are extracted under {@code cacheRoot} and returns the directory that
     * holds one sub-directory per platform.
     */
    public Path extractTo(Path cacheRoot) throws IOException {
        Path target = cacheRoot.resolve(digest().substring(0, 16));
        if (Files.isRegularFile(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        Path staging = cacheRoot.resolve(".extract-" + UUID.randomUUID());
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path out = staging.resolve(e.getKey()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("bundled template entry escapes its directory: " + e.getKey());
                }
                Files.createDirectories(out.getParent());
                Files.write(out, e.getValue());
                if (isExecutable(e.getKey())) {
                    makeExecutable(out);
                }
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            if (Files.isRegularFile(target.resolve(COMPLETE_MARKER))) {
                return target; // another build finished the same extraction meanwhile: use theirs
            }
            if (Files.exists(target)) {
                // an interrupted earlier extraction left an incomplete tree: replace it
                AtomicFiles.deleteTree(target);
            }
            try {
                AtomicFiles.rename(staging, target);
            } catch (IOException e) {
                if (!Files.isRegularFile(target.resolve(COMPLETE_MARKER))) {
                    throw e;
                }
                // another build extracted the same content first: use theirs
            }
        } finally {
            AtomicFiles.deleteTreeQuietly(staging);
        }
        return target;
    }

    // Jar entries carry no file modes, so restore the ones a server needs to be launched.
    private static boolean isExecutable(String rel) {
        return rel.endsWith(".sh") || rel.endsWith("/" + ServerLauncher.SERVER_SCRIPT);
    }

    private static void makeExecutable(Path file) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): executables are not marked there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
