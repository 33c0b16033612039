package io.microtvm.rpc;

import io.microtvm.BuildLog;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Real host-driven firmware for tests: projects of the host template with project_type=host_driven,
 * generated and built once per JVM under target/ from the IT fixtures, so every test that talks
 * to TVM's C peer shares the builds. Graph fixtures carry no CRT, so they get the runtime/
 * extracted from an AOT fixture as their standalone_crt_dir.
 */
public final class HostDrivenFirmware {
    public static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    public static final Path FIXTURES = REPO.resolve("it/fixtures");
    static final Path WORK = Path.of("target", "host-driven-firmware").toAbsolutePath();
    static final Template HOST = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);
    public static final ServerSettings SETTINGS = new ServerSettings("python3", Duration.ofSeconds(30),
            Duration.ofSeconds(120), line -> { });

    private static final Map<String, GeneratedProject> BUILT = new HashMap<>();
    private static Path crt;

    private HostDrivenFirmware() {
    }

    /** The built project of fixture {@code name} (e.g. {@code sine_aot_hd}), generated and built on first use. */
    public static synchronized GeneratedProject project(String name) throws Exception {
        GeneratedProject built = BUILT.get(name);
        if (built != null) {
            return built;
        }
        Path dir = WORK.resolve(name);
        Path crtDir = name.endsWith("_graph") ? standaloneCrt() : null;
        new ProjectCreator(SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(FIXTURES.resolve(name + ".tar"),
                HOST, dir, Map.of("project_type", "host_driven"), true, "test", crtDir, WORK));
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, SETTINGS, BuildLog.NONE);
        BUILT.put(name, project);
        return project;
    }

    /** The built standalone project of fixture {@code name} (e.g. {@code two_io}), for comparisons. */
    public static synchronized GeneratedProject standaloneProject(String name) throws Exception {
        String key = name + " (standalone)";
        GeneratedProject built = BUILT.get(key);
        if (built == null) {
            Path dir = WORK.resolve(name + "_standalone");
            new ProjectCreator(SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(
                    FIXTURES.resolve(name + ".tar"), HOST, dir, Map.of(), true, "test", null, WORK));
            built = GeneratedProject.open(dir);
            built.build(Map.of(), false, SETTINGS, BuildLog.NONE);
            BUILT.put(key, built);
        }
        return built;
    }

    /** The firmware program of fixture {@code name}. */
    public static Path program(String name) throws Exception {
        return project(name).dir().resolve("build/main");
    }

    /** TVM's standalone CRT: the runtime/ of an AOT fixture, extracted once. */
    public static synchronized Path standaloneCrt() throws IOException {
        if (crt == null) {
            Path target = WORK.resolve("standalone_crt");
            if (!Files.isRegularFile(target.resolve("include/tvm/runtime/crt/microtvm_rpc_server.h"))) {
                extractRuntime(FIXTURES.resolve("sine_aot_hd.tar"), target);
            }
            crt = target;
        }
        return crt;
    }

    private static void extractRuntime(Path tar, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (!name.startsWith("runtime/") || !e.isFile() || name.contains("..")) {
                    continue;
                }
                Path out = target.resolve(name.substring("runtime/".length())).normalize();
                Files.createDirectories(out.getParent());
                Files.copy(t, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
