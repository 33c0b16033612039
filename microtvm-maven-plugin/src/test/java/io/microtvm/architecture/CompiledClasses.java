package io.microtvm.architecture;

import io.microtvm.AtomicFiles;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin's main classes as the compiler wrote them, with every class each one refers to. Read
 * from the class files' constant pools rather than from the sources' imports, so a fully qualified
 * name in the code, a field or a method signature counts as much as an import does.
 */
final class CompiledClasses {
    /** A class name in a constant: a class entry ({@code a/b/C}) or inside a descriptor ({@code La/b/C;}). */
    private static final Pattern CLASS_NAME = Pattern.compile("(?:^|L|\\[)([a-z][a-z0-9_]*(?:/[A-Za-z0-9_$]+)+)");

    private CompiledClasses() {
    }

    /** One compiled class: its binary name with dots ({@code io.microtvm.run.ModelRun}) and what it refers to. */
    record CompiledClass(String name, Set<String> references) {
        String packageName() {
            return name.substring(0, name.lastIndexOf('.'));
        }
    }

    /** The classes compiled from src/main/java: the directory {@code io.microtvm.AtomicFiles} was loaded from. */
    static List<CompiledClass> main() throws IOException {
        Path root;
        try {
            root = Path.of(AtomicFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (!Files.isDirectory(root.resolve("io/microtvm"))) {
            throw new IllegalStateException("the main classes are not in a directory here: " + root);
        }
        List<CompiledClass> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/microtvm"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try (InputStream in = Files.newInputStream(file)) {
                    classes.add(new CompiledClass(name, references(in)));
                }
            }
        }
        return classes;
    }

    /**
     * The classes one class file refers to, with dots, as its constant pool names them (JVMS 4.4): the
     * UTF-8 entries hold the class entries' names and every field and method descriptor.
     */
    static Set<String> references(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Set<String> found = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    Matcher m = CLASS_NAME.matcher(in.readUTF());
                    while (m.find()) {
                        found.add(m.group(1).replace('/', '.'));
                    }
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort(); // class, string, method type, module, package
                case 15 -> in.skipBytes(3); // method handle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // int, float, refs, name and type, dynamic
                case 5, 6 -> { // long and double take two entries
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return found;
    }
}
