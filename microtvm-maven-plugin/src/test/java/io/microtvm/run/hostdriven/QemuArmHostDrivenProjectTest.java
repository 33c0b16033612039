package io.microtvm.run.hostdriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.projectapi.ServerErrorException;
import io.microtvm.rpc.HostDrivenFirmware;
import io.microtvm.rpc.framing.Framer;
import io.microtvm.rpc.framing.Unframer;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.Tolerance;
import io.microtvm.transport.DeviceException;
import io.microtvm.transport.DeviceTimeoutException;
import io.microtvm.transport.ProjectApiTransport;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate_project of the qemu-arm template with project_type=host_driven, through the real template server
 * (no cross-compiler needed): the CRT comes from the MLF or standalone_crt_dir exactly as on the host template,
 * and the CRT's memory pool fits the board; and, where the Arm toolchain and QEMU are installed, what the firmware
 * does on an unrecoverable protocol error. The firmware's model runs are in it/qemu-arm-host-driven.
 */
class QemuArmHostDrivenProjectTest {
    static final Template QEMU_ARM = new Template("qemu-arm", HostDrivenFirmware.REPO.resolve("templates/qemu-arm"),
            TemplateSource.BUNDLED);

    @TempDir
    Path tmp;

    private void create(String fixture, Path dir, Map<String, String> options) throws Exception {
        new ProjectCreator(HostDrivenFirmware.SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(
                HostDrivenFirmware.FIXTURES.resolve(fixture + ".tar"), QEMU_ARM, dir, options, false, "test"));
    }

    @Test
    void aGraphModelWithoutStandaloneCrtGivesTheHostTemplatesErrorAndNoProject() {
        Path dir = tmp.resolve("no_crt");
        assertThatThrownBy(() -> create("sine_graph", dir, Map.of("project_type", "host_driven")))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("host_driven needs TVM's standalone CRT sources")
                .hasMessageContaining("sine_graph.tar's runtime/")
                .hasMessageContaining("standalone_crt_dir (not given)")
                .hasMessageContaining("microtvm.standaloneCrtDir");
        assertThat(dir).doesNotExist();
    }

    @Test
    void anAotModelBuildsFromItsOwnRuntimeWithTheCrtServerAndAPoolDerivedFromItsMetadata() throws Exception {
        Path an385 = tmp.resolve("an385");
        Path an547 = tmp.resolve("an547");
        create("sine_aot_hd", an385, Map.of("project_type", "host_driven", "board", "mps2-an385"));
        create("sine_aot_hd", an547, Map.of("project_type", "host_driven", "board", "mps3-an547"));

        String mk385 = Files.readString(an385.resolve("project.mk"));
        assertThat(mk385).contains("CRT_DIR := model/runtime", "microtvm_rpc_server", "graph_executor_module",
                "-mcpu=cortex-m3");
        // sine_aot_hd allocates one float32[1, 1] input and output: one 256-byte page each (with 96 bytes of
        // page bookkeeping) plus the runtime's 64 KiB, on every board
        int derived = 64 * 1024 + 2 * (256 + 96);
        assertThat(mk385).contains("WORKSPACE_SIZE_BYTES := " + derived);
        assertThat(Files.readString(an547.resolve("project.mk"))).contains("WORKSPACE_SIZE_BYTES := " + derived);
        // the memory hooks are the host template's, copied; the board hooks are qemu-arm's own
        assertThat(an385.resolve("src/rpc_memory.c")).hasSameTextualContentAs(
                HostDrivenFirmware.REPO.resolve("templates/host/src/rpc_memory.c"));
        assertThat(an385.resolve("src/rpc_board.c")).exists();
        assertThat(an385.resolve("src/standalone_main.c")).doesNotExist();
        assertThat(an385.resolve("crt")).doesNotExist();
    }

    @Test
    void aGraphModelsPoolHoldsEveryStorageIdOfItsMetadataAndTheWorkspaceItsOperatorsAllocate() throws Exception {
        Path dir = tmp.resolve("kws-graph");
        new ProjectCreator(HostDrivenFirmware.SETTINGS, BuildLog.NONE).create(new ProjectCreator.Request(
                HostDrivenFirmware.REPO.resolve("it/fixtures/mlperf/kws_graph.tar"), QEMU_ARM, dir,
                Map.of("project_type", "host_driven", "board", "mps3-an547"), false, "test",
                HostDrivenFirmware.standaloneCrt(), tmp));
        // kws_graph's graph JSON: 56 storage ids of 102950 bytes in all, each rounded up to 256-byte pages, and a
        // main workspace of 105348 bytes in metadata.json (its code calls TVMBackendAllocWorkspace), each page with
        // 96 bytes of bookkeeping
        String mk = Files.readString(dir.resolve("project.mk"));
        assertThat(mk).containsPattern("WORKSPACE_SIZE_BYTES := [0-9]+");
        long pool = Long.parseLong(mk.replaceAll("(?s).*WORKSPACE_SIZE_BYTES := ([0-9]+).*", "$1"));
        long storage = 102950;   // the sum of its storage ids' largest tensors
        long workspace = 105348; // main's workspace_size_bytes
        assertThat(pool).isGreaterThan(64 * 1024 + storage + workspace).isLessThan(512 * 1024);
    }

    @Test
    void workspaceSizeBytesSizesThePool() throws Exception {
        Path dir = tmp.resolve("pool");
        create("mlp_int8_aot_hd", dir, Map.of("project_type", "host_driven", "workspace_size_bytes", "65536"));
        assertThat(Files.readString(dir.resolve("project.mk"))).contains("WORKSPACE_SIZE_BYTES := 65536");
    }

    @Test
    void anUnrecoverableFramingErrorIsReportedAsADeviceLogAndTheBoardStopsAnswering() throws Exception {
        assumeTrue(onPath("qemu-system-arm") && onPath("arm-none-eabi-g++"),
                "qemu-system-arm or arm-none-eabi-g++ is not installed: apt-get install -y qemu-system-arm "
                        + "gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib");
        Path dir = tmp.resolve("abort");
        create("sine_aot_hd", dir, Map.of("project_type", "host_driven", "board", "mps2-an385"));
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, HostDrivenFirmware.SETTINGS, BuildLog.NONE);
        project.flash(Map.of(), HostDrivenFirmware.SETTINGS, BuildLog.NONE);

        ProjectApiClient server = ProjectServers.start(dir, HostDrivenFirmware.SETTINGS);
        try (ProjectApiTransport board = ProjectApiTransport.open(server, JsonNodeFactory.instance.objectNode(),
                Duration.ofSeconds(30))) {
            // alive: a StartSessionInit (nonce 0x21, version 1) gets its StartSessionReply
            board.write(START_SESSION_INIT, Duration.ofSeconds(5));
            readUntil(board, 0x21, 0x01, Duration.ofSeconds(20));

            // a frame start, a length, then FF 41: an invalid escape (docs/microtvm-rpc.md,
            // "Receiving frames"), which the CRT server cannot recover from
            board.write(new byte[] {(byte) 0xff, (byte) 0xfd, 5, 0, 0, 0, (byte) 0xff, 0x41}, Duration.ofSeconds(5));
            String said = readUntil(board, null, 0x03, Duration.ofSeconds(20));

            // sent as a session Log message (type 03), so a host shows it as "[device] ..."
            assertThat(said).isEqualTo("TVMPlatformAbort: 00000202; the firmware stopped, reset the board");
            // then the firmware sleeps: the same StartSessionInit gets no answer, the host's own deadline ends the wait
            drain(board);
            board.write(START_SESSION_INIT, Duration.ofSeconds(5));
            assertThatThrownBy(() -> board.read(64, Duration.ofSeconds(1))).isInstanceOf(DeviceTimeoutException.class);
        }
    }

    @Test
    void aCpuFaultInTheModelIsReportedAsADeviceLogAndTheRunEndsAtItsDeadline() throws Exception {
        assumeTrue(onPath("qemu-system-arm") && onPath("arm-none-eabi-g++"), "qemu-system-arm or arm-none-eabi-g++"
                + " is not installed: apt-get install -y qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi"
                + " libstdc++-arm-none-eabi-newlib");
        Path dir = tmp.resolve("fault");
        // the model's main function "lives" at an even address: calling it is an INVSTATE UsageFault -> HardFault
        create("sine_aot_hd", dir, Map.of("project_type", "host_driven", "board", "mps2-an385", "cflags",
                "-mlong-calls -Wl,--wrap=tvmgen_default___tvm_main__ -Wl,--defsym=__wrap_tvmgen_default___tvm_main__=0x1000"));
        GeneratedProject project = GeneratedProject.open(dir);
        project.build(Map.of(), false, HostDrivenFirmware.SETTINGS, BuildLog.NONE);
        project.flash(Map.of(), HostDrivenFirmware.SETTINGS, BuildLog.NONE);
        List<String> lines = new CopyOnWriteArrayList<>();
        BuildLog log = new BuildLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { lines.add(m); }
            @Override public void warn(String m) { lines.add(m); }
            @Override public void error(String m) { lines.add(m); }
        };
        ServerSettings quick = new ServerSettings("python3", Duration.ofSeconds(5), Duration.ofSeconds(5), line -> { });

        assertThatThrownBy(() -> new ModelRun(quick, log).run(new ModelRun.Request(project, null, FillMode.ZEROS, 1,
                null, new Tolerance(null, null), 1, Map.of(), RunProtocol.AUTO)))
                .isInstanceOf(DeviceException.class);
        assertThat(lines).contains("[device] fault: exception 03, CFSR 0x00020000, HFSR 0x40000000; the firmware"
                + " stopped, reset the board");
    }

    private static final byte[] START_SESSION_INIT = Framer.encode(new byte[] {0x21, 0, 0, 1}, false);

    /** Unframes what the board sends until a message of {@code type} arrives (for {@code initiator}'s session when
     *  given); returns its body as text. */
    private static String readUntil(ProjectApiTransport transport, Integer initiator, int type, Duration limit)
            throws Exception {
        Unframer unframer = new Unframer();
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            for (var frame = unframer.next(); frame.isPresent(); frame = unframer.next()) {
                byte[] p = frame.get().payload();
                if (frame.get().crcOk() && p.length >= 3 && p[2] == type
                        && (initiator == null || (p[0] & 0xff) == initiator)) {
                    return new String(p, 3, p.length - 3, StandardCharsets.ISO_8859_1);
                }
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative()) {
                throw new AssertionError("no message of type " + type + " from the board within " + limit);
            }
            unframer.feed(transport.read(256, left));
        }
    }

    /** Reads what is still in flight (the end of the last frame) until the line is quiet. */
    private static void drain(ProjectApiTransport transport) throws Exception {
        try {
            while (true) {
                transport.read(256, Duration.ofMillis(300));
            }
        } catch (DeviceTimeoutException quiet) {
            // nothing more
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
