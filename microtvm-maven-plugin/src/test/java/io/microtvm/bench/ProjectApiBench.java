package io.microtvm.bench;

import io.microtvm.BuildLog;
import io.microtvm.AtomicFiles;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ServerLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Times the plugin's Project API paths against the plainest way to get the same effect: a bare
 * interpreter start, a raw line echo, the template's generator called directly, {@code make}, and
 * for the run goal's inferences and transfers a raw pipe to the same program and the device's own
 * run time ({@link StandaloneRunBench}).
 * Each pair runs alternately in one JVM, so both sides see the same machine at the same time;
 * the report gives medians and ratios, and nothing here asserts a speed.
 *
 * <p>Run with {@code ./mvnw -B -ntp -Pbench test}. Prints a table and writes
 * {@code microtvm-maven-plugin/target/bench/results.json}. System properties:
 * {@code bench.python} (interpreter, default python3), {@code bench.outputDir},
 * {@code bench.fixtures} (dir with {@code conv_small.tar}, default {@code it/fixtures}
 * from the repo root), {@code microtvm.repoRoot} (else found upwards from the working directory).
 */
public final class ProjectApiBench {

    private static final String PYTHON_PROPERTY = "bench.python";
    private static final String OUTPUT_DIR_PROPERTY = "bench.outputDir";
    private static final String REPO_ROOT_PROPERTY = "microtvm.repoRoot";
    private static final String HOST_TEMPLATE = "templates/host";
    private static final String EXAMPLE_MODEL = "example/model/sine.tar";
    private static final String EXAMPLE_INPUTS = "example/model/sine.inputs.npz";
    private static final String FIXTURES_PROPERTY = "bench.fixtures";
    private static final String ONLY_PROPERTY = "bench.only";
    private static final List<String> GROUPS = List.of("calls", "project", "standalone", "hostdriven", "qemu",
            "qemu-big");
    // the shared test fixtures next to the repo; conv_small has the largest tensors of the toy models (256 B in)
    private static final String DEFAULT_FIXTURES = "it/fixtures";
    private static final String CONV_SMALL = "conv_small";
    private static final String MLPERF_KWS = "mlperf/kws";
    private static final String RECORDED_PLUGIN_VERSION = "bench";

    private static final Duration QUERY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(5);

    // Sized so the whole run stays around a minute on 2 cores; the call rows are sub-millisecond.
    private static final int COLD_WARM_UPS = 3;
    private static final int COLD_RUNS = 21;
    private static final int CALL_WARM_UPS = 500;
    private static final int CALL_RUNS = 2001;
    private static final int PROJECT_WARM_UPS = 2;
    private static final int PROJECT_RUNS = 11;

    // Calls the template's generator in-process: generation without the client, the JSON-RPC
    // channel, the staging dir or the checks of the generated project.
    private static final String DIRECT_GENERATE_SCRIPT = String.join("\n",
            "import pathlib, sys",
            "template, mlf, project = sys.argv[1:4]",
            "sys.path.insert(0, template)",
            "import microtvm_api_server",
            "microtvm_api_server.Handler().generate_project(pathlib.Path(mlf), None, pathlib.Path(project), {})",
            "");

    /** One run of one side; it returns its own duration, so it can prepare untimed first. */
    @FunctionalInterface
    interface Trial {
        long nanos() throws Exception;
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** One side of a comparison. */
    record Side(String name, String description, Trial trial) {
    }

    private final String python;
    private final Path workDir;
    private final Path templateDir;
    private final Path modelLibraryFormat;
    private final Path exampleInputs;
    private final Path fixturesDir;
    private final List<String> make;
    private final Template hostTemplate;
    private final ServerSettings settings;

    private ProjectApiBench(Path repoRoot, String python, int makeJobs, Path workDir, Path fixturesDir) {
        this.python = python;
        this.workDir = workDir;
        this.templateDir = repoRoot.resolve(HOST_TEMPLATE);
        this.modelLibraryFormat = repoRoot.resolve(EXAMPLE_MODEL);
        this.exampleInputs = repoRoot.resolve(EXAMPLE_INPUTS);
        this.fixturesDir = fixturesDir;
        // what the host template's build runs when no option overrides project.mk
        this.make = List.of("make", "-j" + makeJobs);
        // the repo's template is the one the plugin bundles
        this.hostTemplate = new Template("host", templateDir, TemplateSource.BUNDLED);
        this.settings = new ServerSettings(python, QUERY_DEADLINE, BUILD_DEADLINE, line -> { });
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = repoRoot();
        String python = System.getProperty(PYTHON_PROPERTY, LaunchSpec.DEFAULT_PYTHON);
        Path outputDir = Path.of(System.getProperty(OUTPUT_DIR_PROPERTY,
                repoRoot.resolve("microtvm-maven-plugin/target/bench").toString()));
        Path fixturesDir = Path.of(System.getProperty(FIXTURES_PROPERTY,
                repoRoot.resolve(DEFAULT_FIXTURES).toString())).toAbsolutePath().normalize();

        // The template runs make -j<os.cpu_count()>: ask the same interpreter, so both makes match.
        String[] facts = run(List.of(python, "-c",
                "import os, platform; print(os.cpu_count() or 1); print(platform.python_version())"),
                repoRoot).strip().split("\\s+");
        int makeJobs = Integer.parseInt(facts[0]);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("python", python);
        environment.put("python_version", facts[1]);
        environment.put("os_cpu_count", facts[0]);
        environment.put("make", "make -j" + makeJobs);
        environment.put("java", Runtime.version().toString());
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        environment.put("fixtures", fixturesDir.toString());

        List<Comparison> comparisons = new ArrayList<>();
        Path workDir = Files.createTempDirectory("microtvm-bench-");
        List<String> leftovers;
        try {
            ProjectApiBench bench = new ProjectApiBench(repoRoot, python, makeJobs, workDir, fixturesDir);
            Set<String> groups = selectedGroups();
            if (groups.contains("calls")) {
                comparisons.add(bench.coldQuery());
                comparisons.add(bench.warmQuery());
                comparisons.add(bench.warmNoOpCall());
            }
            if (groups.contains("project")) {
                comparisons.add(bench.createProject());
                comparisons.addAll(bench.builds());
            }
            if (groups.contains("standalone")) {
                comparisons.addAll(bench.standaloneRuns());
            }
            if (groups.contains("hostdriven")) {
                comparisons.addAll(bench.hostDrivenRuns());
            }
            if (groups.contains("qemu")) {
                comparisons.addAll(bench.qemuArm(repoRoot, QemuArmBench::measure));
            }
            if (groups.contains("qemu-big")) {
                comparisons.addAll(bench.qemuArm(repoRoot, QemuArmBench::bigTensorTransfers));
            }
        } finally {
            leftovers = endLeftoverProcesses();
            AtomicFiles.deleteTreeQuietly(workDir);
        }
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("processes were left running (now killed): " + leftovers);
        }
        if (Files.exists(workDir)) {
            throw new IOException("could not delete the bench's temp dir " + workDir);
        }

        ResultReport report = new ResultReport(comparisons, environment);
        report.printTable(System.out);
        Path json = outputDir.resolve("results.json");
        report.writeJson(json);
        System.out.println("Wrote " + json);
    }

    /** The row groups {@code -Dbench.only=calls,standalone} names; all of them when it is not set. */
    private static Set<String> selectedGroups() {
        Set<String> all = new LinkedHashSet<>(GROUPS);
        String only = System.getProperty(ONLY_PROPERTY, "").strip();
        if (only.isEmpty()) {
            return all;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String group : only.split("\\s*,\\s*")) {
            if (!all.contains(group)) {
                throw new IllegalArgumentException("-D" + ONLY_PROPERTY + " names '" + group + "'; the groups are "
                        + String.join(", ", GROUPS));
            }
            chosen.add(group);
        }
        return chosen;
    }

    // ---- the comparisons ----

    private Comparison coldQuery() throws Exception {
        Side plugin = new Side("server_info_query_cold",
                "launch the host template's server, server_info_query, close (EOF, wait for exit)",
                timed(() -> {
                    try (ProjectApiClient server = ProjectServers.start(templateDir, settings)) {
                        ProjectServers.query(server, settings);
                    }
                }));
        Side baseline = new Side("python_start",
                "start `" + python + " -c pass` and wait for it",
                timed(() -> run(List.of(python, "-c", "pass"), workDir)));
        return compare(plugin, baseline, COLD_WARM_UPS, COLD_RUNS);
    }

    private Comparison warmQuery() throws Exception {
        byte[] sameSizeLine = requestLikeLine("server_info_query", "{\"tvm_version\":\"" + ServerSettings.TVM_VERSION
                + "\"}");
        try (ProjectApiClient server = ProjectServers.start(templateDir, settings);
             LineEcho echo = new LineEcho(python)) {
            Side plugin = new Side("server_info_query_warm",
                    "server_info_query on a running host template server (reply with all project options)",
                    timed(() -> ProjectServers.query(server, settings)));
            return compare(plugin, echoSide(echo, sameSizeLine), CALL_WARM_UPS, CALL_RUNS);
        }
    }

    private Comparison warmNoOpCall() throws Exception {
        byte[] sameSizeLine = requestLikeLine("close_transport", "{}");
        try (ProjectApiClient server = ProjectServers.start(templateDir, settings);
             LineEcho echo = new LineEcho(python)) {
            Side plugin = new Side("noop_call_warm",
                    "close_transport with no transport open (a no-op) on a running host template server",
                    timed(() -> server.closeTransport(QUERY_DEADLINE)));
            return compare(plugin, echoSide(echo, sameSizeLine), CALL_WARM_UPS, CALL_RUNS);
        }
    }

    private Comparison createProject() throws Exception {
        Path pluginProject = workDir.resolve("create/plugin/project");
        Path directProject = workDir.resolve("create/direct/project");
        ProjectCreator.Request request = new ProjectCreator.Request(modelLibraryFormat, hostTemplate, pluginProject,
                Map.of(), true, RECORDED_PLUGIN_VERSION);
        Side plugin = new Side("create_project",
                "ProjectCreator.create with force over the previous run's project (example sine.tar)",
                timed(() -> new ProjectCreator(settings, BuildLog.NONE).create(request)));
        // -B: importing the server module from the repo must not leave __pycache__ in the template
        List<String> generate = List.of(python, "-B", "-c", DIRECT_GENERATE_SCRIPT, templateDir.toString(),
                modelLibraryFormat.toString(), directProject.toString());
        Side baseline = new Side("direct_generate",
                "`" + python + " -B -c` importing the template and calling Handler().generate_project",
                () -> {
                    // generate_project refuses an existing dir
                    AtomicFiles.deleteTree(directProject);
                    return timedNanos(() -> run(generate, workDir));
                });
        return compare(plugin, baseline, PROJECT_WARM_UPS, PROJECT_RUNS);
    }

    /** The clean build, then the no-op build, both on one generated project. */
    private List<Comparison> builds() throws Exception {
        Path project = workDir.resolve("build/project");
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(modelLibraryFormat,
                hostTemplate, project, Map.of(), false, RECORDED_PLUGIN_VERSION));
        Path buildDir = project.resolve(GeneratedProject.BUILD_DIR);
        String makeCommand = String.join(" ", make);

        Side pluginClean = new Side("build_clean",
                "GeneratedProject.build with force: delete build/, launch the project's server, query, build",
                timed(() -> GeneratedProject.open(project).build(Map.of(), true, settings, BuildLog.NONE)));
        Side directClean = new Side("make_clean",
                "delete build/, then `" + makeCommand + "` in the project dir",
                timed(() -> {
                    AtomicFiles.deleteTree(buildDir);
                    run(make, project);
                }));
        Comparison clean = compare(pluginClean, directClean, PROJECT_WARM_UPS, PROJECT_RUNS);

        Side pluginNoOp = new Side("build_noop",
                "GeneratedProject.build again with nothing changed (the build stamp matches: no server is started)",
                timed(() -> GeneratedProject.open(project).build(Map.of(), false, settings, BuildLog.NONE)));
        Side directNoOp = new Side("make_noop",
                "`" + makeCommand + "` again with nothing changed",
                timed(() -> run(make, project)));
        Comparison noOp = compare(pluginNoOp, directNoOp, PROJECT_WARM_UPS, PROJECT_RUNS);
        return List.of(clean, noOp);
    }

    /**
     * Inferences of the example over the relay and a raw pipe against the device's own time; the
     * same for conv_small, plus bulk transfers of its tensors, when the shared fixtures are there.
     */
    private List<Comparison> standaloneRuns() throws Exception {
        StandaloneRunBench runs = new StandaloneRunBench(workDir.resolve("run"), hostTemplate, settings,
                RECORDED_PLUGIN_VERSION);
        List<Comparison> rows = new ArrayList<>(runs.measure(
                new StandaloneRunBench.Model("sine", modelLibraryFormat, exampleInputs), false));
        Path convSmall = fixturesDir.resolve(CONV_SMALL + ".tar");
        Path convSmallInputs = fixturesDir.resolve(CONV_SMALL + ".inputs.npz");
        if (Files.isRegularFile(convSmall) && Files.isRegularFile(convSmallInputs)) {
            rows.addAll(runs.measure(new StandaloneRunBench.Model(CONV_SMALL, convSmall, convSmallInputs), true));
        } else {
            // the example's 4-byte tensors say nothing about throughput, so those rows go too
            System.out.println("Skipping the " + CONV_SMALL + " and throughput rows: no " + convSmall + " with its"
                    + " inputs (set -D" + FIXTURES_PROPERTY + ")");
        }
        // a real model: MLPerf Tiny keyword spotting, whose run takes about a millisecond on the host
        Path kws = fixturesDir.resolve(MLPERF_KWS + ".tar");
        Path kwsInputs = fixturesDir.resolve(MLPERF_KWS + ".inputs.npz");
        if (Files.isRegularFile(kws) && Files.isRegularFile(kwsInputs)) {
            rows.addAll(runs.measure(new StandaloneRunBench.Model("kws", kws, kwsInputs), false));
        } else {
            System.out.println("Skipping the kws rows: no " + kws + " with its inputs");
        }
        return rows;
    }

    /**
     * Host-driven against standalone inference of conv_small on the host template, and microTVM RPC
     * copy throughput against the raw pipe, when the fixtures (standalone and _aot_hd) are there.
     */
    private List<Comparison> hostDrivenRuns() throws Exception {
        Path standalone = fixturesDir.resolve(CONV_SMALL + ".tar");
        Path hostDriven = fixturesDir.resolve(CONV_SMALL + "_aot_hd.tar");
        Path inputs = fixturesDir.resolve(CONV_SMALL + ".inputs.npz");
        if (!Files.isRegularFile(standalone) || !Files.isRegularFile(hostDriven) || !Files.isRegularFile(inputs)) {
            System.out.println("Skipping the host-driven rows: no " + hostDriven + " beside " + standalone);
            return List.of();
        }
        return new HostDrivenRunBench(workDir.resolve("host-driven"), hostTemplate, settings, RECORDED_PLUGIN_VERSION)
                .measure(CONV_SMALL, standalone, hostDriven, inputs);
    }

    /** The qemu-arm rows ({@link QemuArmBench}), where QEMU, the Arm toolchain and socat are installed. */
    private List<Comparison> qemuArm(Path repoRoot, QemuRows rows) throws Exception {
        if (!QemuArmBench.toolsInstalled()) {
            System.out.println("Skipping the qemu-arm rows: qemu-system-arm, arm-none-eabi-gcc or socat is not on PATH");
            return List.of();
        }
        Template qemuArm = new Template("qemu-arm", repoRoot.resolve("templates/qemu-arm"), TemplateSource.BUNDLED);
        QemuArmBench bench = new QemuArmBench(workDir.resolve("qemu-arm"), repoRoot, fixturesDir, qemuArm, hostTemplate,
                settings, RECORDED_PLUGIN_VERSION);
        try {
            return rows.measure(bench);
        } finally {
            bench.stopEmulators();
        }
    }

    /** One group of qemu-arm rows. */
    @FunctionalInterface
    private interface QemuRows {
        List<Comparison> measure(QemuArmBench bench) throws Exception;
    }

    // ---- helpers ----

    private static Side echoSide(LineEcho echo, byte[] line) {
        return new Side("raw_line_echo",
                "write a " + (line.length - 1) + "-byte line to a Python process echoing stdin to stdout, read it back",
                timed(() -> echo.roundTrip(line)));
    }

    /** A line shaped like the client's request for {@code method}, so the echo moves as many bytes. */
    private static byte[] requestLikeLine(String method, String paramsJson) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + paramsJson + ",\"id\":1}\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Warms both sides up, then times them alternately; which side goes first flips every run, so
     * neither always inherits the other's cache state.
     */
    static Comparison compare(Side measured, Side baseline, int warmUps, int runs) throws Exception {
        System.out.println("Measuring " + measured.name() + " vs " + baseline.name() + " (" + warmUps
                + " warm-up, " + runs + " timed runs each)");
        for (int i = 0; i < warmUps; i++) {
            measured.trial().nanos();
            baseline.trial().nanos();
        }
        long[] measuredNanos = new long[runs];
        long[] baselineNanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                measuredNanos[i] = measured.trial().nanos();
                baselineNanos[i] = baseline.trial().nanos();
            } else {
                baselineNanos[i] = baseline.trial().nanos();
                measuredNanos[i] = measured.trial().nanos();
            }
        }
        return new Comparison(measured.name(), measured.description(), Timing.of(measuredNanos),
                baseline.name(), baseline.description(), Timing.of(baselineNanos));
    }

    static Trial timed(Step step) {
        return () -> timedNanos(step);
    }

    private static long timedNanos(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    /** Runs a command with stdin closed and stderr merged into stdout; returns the output, fails on a non-zero exit. */
    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try {
            process.getOutputStream().close();
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " exited with status " + status + " in " + dir
                        + ":\n" + output);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
        return output;
    }

    private static Path repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // started outside Maven: look upwards from the working directory for the repo's template
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(HOST_TEMPLATE).resolve(ServerLauncher.SERVER_SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repo root (a dir with " + HOST_TEMPLATE + "/"
                + ServerLauncher.SERVER_SCRIPT + ") above " + Path.of("").toAbsolutePath()
                + "; set -D" + REPO_ROOT_PROPERTY);
    }

    /** Kills whatever this JVM started that still runs, and names it; the bench must leave nothing. */
    private static List<String> endLeftoverProcesses() {
        List<String> leftovers = new ArrayList<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> {
            leftovers.add(p.pid() + " " + p.info().commandLine().orElse("(command unknown)"));
            p.destroyForcibly();
        });
        return leftovers;
    }
}
