package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.RetryPolicy;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.projectapi.LaunchSpec;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ServerLauncher;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.RunResult;
import io.microtvm.run.Tolerance;
import io.microtvm.transport.ProjectApiTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big tensors on qemu-arm through QEMU's semihosting (LOAD_INPUT/SAVE_OUTPUT of protocol 1.1): the real
 * qemu-arm template server starts QEMU, the real standalone firmware reads and writes the host files, and the
 * run goal's logic decides which tensors take that path. Its outputs must equal the UART path's and TVM's:
 * conv_small with every tensor through files (threshold 0), and the 64 KiB wide_io with the default threshold.
 */
class QemuHostFilesTest {
    static final Path REPO = DocumentedFrames.REPO;
    static final Path FIXTURES = REPO.resolve("it/fixtures");
    static final ServerSettings SETTINGS = new ServerSettings("python3", Duration.ofSeconds(30),
            Duration.ofSeconds(300), line -> { });
    static final Duration CALL = Duration.ofSeconds(30);

    @TempDir
    static Path projects;
    static GeneratedProject convSmall;
    static GeneratedProject wideIo;

    @BeforeAll
    static void buildAndFlashConvSmallAndWideIo() throws Exception {
        assumeTrue(onPath("qemu-system-arm") && onPath("arm-none-eabi-gcc"),
                "qemu-system-arm or arm-none-eabi-gcc is not installed: apt-get install -y qemu-system-arm "
                        + "gcc-arm-none-eabi libnewlib-arm-none-eabi to run the qemu-arm tests");
        Template qemuArm = new Template("qemu-arm", REPO.resolve("templates/qemu-arm"), TemplateSource.BUNDLED);
        convSmall = buildAndFlash(qemuArm, "conv_small", "mps2-an385");
        wideIo = buildAndFlash(qemuArm, "wide_io", "mps2-an386");
    }

    private static GeneratedProject buildAndFlash(Template template, String model, String board) throws Exception {
        Path dir = projects.resolve(model + "-" + board);
        new ProjectCreator(SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(
                FIXTURES.resolve(model + ".tar"), template, dir, Map.of("board", board), false, "test"));
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, SETTINGS, BuildLog.NONE);
        project.flash(Map.of(), SETTINGS, BuildLog.NONE);
        return project;
    }

    @Test
    void throughHostFilesTheOutputsAreTheUartPathsAndTvms() throws Exception {
        Set<Path> tempBefore = hostFileDirs();
        List<String> filesLog = Collections.synchronizedList(new ArrayList<>());
        RunResult overFiles = run(convSmall, "conv_small", new HostFileThreshold(0), filesLog);
        List<String> uartLog = Collections.synchronizedList(new ArrayList<>());
        RunResult overUart = run(convSmall, "conv_small", HostFileThreshold.NEVER, uartLog);

        assertThat(filesLog).filteredOn(l -> l.startsWith("INFO Through files on the device's host")).singleElement()
                .asString().contains("input 0 ").contains("output 0 ");
        assertThat(uartLog).noneMatch(l -> l.contains("Through files"));
        assertThat(overFiles.allChecksPassed()).as(overFiles.checks().toString()).isTrue();
        assertThat(overUart.allChecksPassed()).as(overUart.checks().toString()).isTrue();
        assertThat(overFiles.outputs().keySet()).isEqualTo(overUart.outputs().keySet());
        overFiles.outputs().forEach((key, array) ->
                assertThat(array.data()).as(key).isEqualTo(overUart.outputs().get(key).data()));
        // the model runs the same: under -icount the same instruction count either way, to the one SysTick tick
        // (40 instructions on the 25 MHz an385) by which any two runs may differ
        double uartSeconds = overUart.runs().get(0).deviceSeconds();
        assertThat(overFiles.runs()).extracting(RunResult.Timing::deviceSeconds)
                .allSatisfy(s -> assertThat(s).isCloseTo(uartSeconds, within(1.01 / 25e6)));
        assertThat(hostFileDirs()).isEqualTo(tempBefore);
    }

    /**
     * wide_io (a real TVM export: y = tanh(x) * 0.5 + 0.25 over float32[1, 128, 128], 64 KiB in and out) with the
     * default threshold of 16 KiB: both tensors go through host files without any setting, and give the outputs of
     * the UART path (threshold -1) and TVM's.
     */
    @Test
    void aSixtyFourKibTensorGoesThroughHostFilesByDefaultWithTheUartPathsOutputs() throws Exception {
        List<String> filesLog = Collections.synchronizedList(new ArrayList<>());
        RunResult overFiles = run(wideIo, "wide_io", HostFileThreshold.DEFAULT, filesLog);
        RunResult overUart = run(wideIo, "wide_io", HostFileThreshold.NEVER, new ArrayList<>());

        assertThat(filesLog).filteredOn(l -> l.startsWith("INFO Through files on the device's host")).singleElement()
                .asString().contains("(hostFileThreshold 16384 bytes)")
                .contains("input 0 'input' float32[1, 128, 128] (65536 bytes)").contains("output 0 ");
        assertThat(overFiles.allChecksPassed()).as(overFiles.checks().toString()).isTrue();
        assertThat(overUart.allChecksPassed()).as(overUart.checks().toString()).isTrue();
        assertThat(overFiles.outputs().get("output_0").data()).isEqualTo(overUart.outputs().get("output_0").data());
        assertThat(overFiles.outputs().get("output_0").data()).hasSize(65536);
    }

    private static RunResult run(GeneratedProject project, String model, HostFileThreshold threshold,
                                 List<String> lines) throws Exception {
        var request = new ModelRun.Request(project, FIXTURES.resolve(model + ".inputs.npz"), FillMode.RANDOM, 1L,
                FIXTURES.resolve(model + ".outputs.npz"), new Tolerance(null, null), 2, Map.of(), RunProtocol.AUTO);
        return new ModelRun(SETTINGS, collecting(lines), null, RetryPolicy.NONE).withHostFileThreshold(threshold)
                .run(request);
    }

    @Test
    void aFileTheFirmwareCannotOpenIsHostFileFailedWithTheHostsErrorNumber(@TempDir Path dir) throws Exception {
        ProjectApiClient server = ServerLauncher.launch(LaunchSpec.of(convSmall.dir()), line -> { });
        try (ProjectApiTransport transport = ProjectApiTransport.open(server, JsonNodeFactory.instance.objectNode(),
                CALL)) {
            StandaloneSession session = StandaloneSession.open(transport, CALL);
            assertThat(session.info().protocolVersion()).isEqualTo("1.1");
            assertThat(session.info().offersHostFiles()).isTrue();

            Path missing = dir.resolve("no-such-dir/input.bin");
            assertThatThrownBy(() -> session.loadInput(0, missing.toString(), CALL))
                    .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                        assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED);
                        assertThat(e.detail()).isEqualTo(2); // ENOENT, as QEMU's SYS_ERRNO reports it
                        assertThat(e.deviceMessage()).isEqualTo("cannot open the host file");
                    });
            Path wrongSize = Files.write(dir.resolve("wrong-size.bin"), new byte[7]);
            assertThatThrownBy(() -> session.loadInput(0, wrongSize.toString(), CALL))
                    .isInstanceOfSatisfying(DeviceErrorException.class, e -> {
                        assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED);
                        assertThat(e.detail()).isEqualTo(7);
                    });
            assertThatThrownBy(() -> session.saveOutput(0, missing.toString(), CALL))
                    .isInstanceOfSatisfying(DeviceErrorException.class,
                            e -> assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED));

            // the firmware serves on, and a file it can read works
            long size = session.info().inputs().get(0).sizeBytes();
            Path good = Files.write(dir.resolve("input.bin"), new byte[(int) size]);
            session.loadInput(0, good.toString(), CALL);
            assertThat(session.run(CALL).ticks()).isPositive();
            Path out = dir.resolve("output.bin");
            session.saveOutput(0, out.toString(), CALL);
            assertThat(Files.readAllBytes(out)).isEqualTo(session.getOutput(0, CALL));
        } finally {
            server.close();
        }
    }

    /** This JVM's host-file temp dirs (other builds on the machine may have their own meanwhile). */
    private static Set<Path> hostFileDirs() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(HostFileTransfers.OWN_DIR_PREFIX))
                    .collect(Collectors.toSet());
        }
    }

    private static BuildLog collecting(List<String> lines) {
        return new BuildLog() {
            @Override public void debug(String message) { lines.add("DEBUG " + message); }
            @Override public void info(String message) { lines.add("INFO " + message); }
            @Override public void warn(String message) { lines.add("WARN " + message); }
            @Override public void error(String message) { lines.add("ERROR " + message); }
        };
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
