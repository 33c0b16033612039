package io.microtvm.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 digests of files and directory trees, as recorded in a {@link ProjectRecord}. */
public final class Digests {
    private Digests() {
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Digest of a template's tree: every regular file's relative path and content, in path order,
     * so that it changes exactly when a file is added, removed, renamed or edited. Linked
     * directories are followed: a template in a checkout reaches the shared Python package through
     * a link, and an edit there must count as an edit of the template. Python byte-code caches are
     * skipped: running a template server writes them.
     */
    public static String sha256Tree(Path dir) throws IOException {
        return sha256Tree(dir, p -> false, FileVisitOption.FOLLOW_LINKS);
    }

    /**
     * A generated project's tree, as {@link #sha256Tree(Path)} but leaving out the files for which
     * {@code skip} holds and not following links (a project's links are the build tool's business).
     */
    public static String sha256Tree(Path dir, java.util.function.Predicate<Path> skip) throws IOException {
        return sha256Tree(dir, skip, new FileVisitOption[0]);
    }

    private static String sha256Tree(Path dir, java.util.function.Predicate<Path> skip, FileVisitOption... follow)
            throws IOException {
        MessageDigest md = newDigest();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, Integer.MAX_VALUE, follow)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(skip.negate())
                    .filter(p -> !p.toString().contains("__pycache__") && !p.toString().endsWith(".pyc"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(f));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
