package io.microtvm.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microtvm.BuildLog;
import io.microtvm.npz.NdArray;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.projectapi.ProjectApiClient;
import io.microtvm.rpc.session.SessionTimeouts;
import io.microtvm.run.DeviceSession;
import io.microtvm.run.hostdriven.HostDrivenDeviceSession;
import io.microtvm.run.hostdriven.HostDrivenModel;
import io.microtvm.run.standalone.HostFileThreshold;
import io.microtvm.run.standalone.RunTiming;
import io.microtvm.run.standalone.StandaloneDeviceSession;
import io.microtvm.run.standalone.StandaloneSession;
import io.microtvm.run.standalone.TensorInfo;
import io.microtvm.run.standalone.TransportOrigin;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.SerialTransport;
import io.microtvm.transport.SocketTransport;
import io.microtvm.transport.Transport;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The qemu-arm platform: per fixture model and board (all four), one inference over the Project API relay (QEMU
 * started by the template) against the device-measured time of the model call, whose instruction count
 * (under -icount shift=0) is printed; the emulator's start (open_transport + handshake + close) against
 * the host template's; and the UART's upload throughput through the relay and through jSerialComm on a
 * socat pty, each against a direct TCP connection to a QEMU of the same firmware (the plainest path); and one
 * host-driven inference (project_type=host_driven: TVM's CRT RPC server on the board) against the standalone
 * one, same model and board, both over the relay; and a big tensor up and down through files on the host (QEMU
 * semihosting, LOAD_INPUT/SAVE_OUTPUT) and through the UART relay, each against a direct TCP connection to QEMU's
 * UART.
 */
final class QemuArmBench {
    private static final List<String> BOARDS = List.of("mps2-an385", "mps2-an386", "mps2-an500", "mps3-an547");
    private static final List<String> MODELS = List.of("sine", "mlp_int8", "two_io", "conv_small");
    private static final int INFERENCE_WARM_UPS = 3;
    private static final int INFERENCES = 21;
    private static final String HOST_DRIVEN_BOARD = "mps2-an386";
    private static final String HOST_DRIVEN_MODEL = "conv_small";
    private static final int START_WARM_UPS = 1;
    private static final int STARTS = 7;
    private static final int TRANSFER_WARM_UPS = 1;
    private static final int TRANSFER_ROUNDS = 5;
    private static final int UPLOADS_PER_ROUND = 8;
    /** The big-tensor fixture (256 KiB in, 256 KiB out); without it, conv_small's tensors repeated to as many bytes. */
    private static final String BIG_MODEL = "wide_io_256k";
    private static final int BIG_TRANSFER_BYTES = 256 * 1024;
    private static final int BIG_TRANSFER_ROUNDS = 3;

    private final Path workDir;
    private final Path repoRoot;
    private final Path fixturesDir;
    private final Template qemuArm;
    private final Template host;
    private final ServerSettings settings;
    private final String pluginVersion;
    private final List<Process> emulators = new ArrayList<>();

    QemuArmBench(Path workDir, Path repoRoot, Path fixturesDir, Template qemuArm, Template host, ServerSettings settings,
                 String pluginVersion) {
        this.workDir = workDir;
        this.repoRoot = repoRoot;
        this.fixturesDir = fixturesDir;
        this.qemuArm = qemuArm;
        this.host = host;
        this.settings = settings;
        this.pluginVersion = pluginVersion;
    }

    static boolean toolsInstalled() {
        return onPath("qemu-system-arm") && onPath("arm-none-eabi-gcc") && onPath("socat");
    }

    List<Comparison> measure() throws Exception {
        Files.createDirectories(workDir);
        try {
            List<Comparison> rows = new ArrayList<>();
            for (String board : BOARDS) {
                for (String model : MODELS) {
                    rows.add(inference(board, model));
                }
            }
            rows.add(hostDrivenInference());
            rows.add(emulatorStart());
            rows.addAll(uartThroughput());
            return rows;
        } finally {
            stopEmulators();
        }
    }

    /** Stops the QEMUs and socats this bench started. */
    void stopEmulators() throws InterruptedException {
        for (Process p : emulators) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        emulators.clear();
    }

    private Comparison inference(String board, String model) throws Exception {
        Path project = project(qemuArm, board, model);
        List<byte[]> inputs = inputs(model, project);
        String name = "infer_qemu_" + board + "_" + model;
        System.out.println("Measuring " + name + " (" + INFERENCE_WARM_UPS + " warm-up, " + INFERENCES + " timed)");
        long[] roundTrips = new long[INFERENCES];
        long[] deviceTimes = new long[INFERENCES];
        try (ProjectApiTransport relay = openRelay(project)) {
            StandaloneSession session = StandaloneSession.open(relay, settings.queryTimeout());
            for (int i = 0; i < INFERENCE_WARM_UPS + INFERENCES; i++) {
                long start = System.nanoTime();
                for (int j = 0; j < inputs.size(); j++) {
                    session.setInput(j, inputs.get(j), settings.queryTimeout());
                }
                RunTiming device = session.run(settings.callTimeout());
                for (int j = 0; j < session.info().outputs().size(); j++) {
                    session.getOutput(j, settings.queryTimeout());
                }
                if (i >= INFERENCE_WARM_UPS) {
                    roundTrips[i - INFERENCE_WARM_UPS] = System.nanoTime() - start;
                    deviceTimes[i - INFERENCE_WARM_UPS] = device.duration().toNanos();
                }
            }
        }
        Timing device = Timing.of(deviceTimes);
        // -icount shift=0: one instruction per virtual ns, so virtual ns are instructions
        long instructions = Math.round(device.medianMs() * 1e6);
        System.out.printf("  %s: %d emulated instructions per inference (median device time %.3f ms virtual)%n",
                name, instructions, device.medianMs());
        return new Comparison(name, "one inference of " + model + " on " + board + " in QEMU (-icount shift=0), "
                + "every input up, RUN, every output down over the Project API relay, host wall time; device: "
                + instructions + " emulated instructions", Timing.of(roundTrips),
                "device_run_" + board + "_" + model, "the device-measured (SysTick, virtual) time of the model call"
                + " in those inferences; x 1e9 = emulated instructions", device);
    }

    /** One inference as microtvm:run makes it, host-driven vs standalone, taking turns, on the same board. */
    private Comparison hostDrivenInference() throws Exception {
        String board = HOST_DRIVEN_BOARD;
        String model = HOST_DRIVEN_MODEL;
        Path standalone = project(qemuArm, board, model);
        Path hostDriven = project(qemuArm, board, model + "_aot_hd", Map.of("project_type", "host_driven"));
        HostDrivenModel description = HostDrivenModel.read(hostDriven);
        Map<String, NdArray> given = Npz.read(modelFile(model, ".inputs.npz"));
        String hdName = "infer_qemu_host_driven_" + board + "_" + model;
        String saName = "infer_qemu_standalone_" + board + "_" + model;
        System.out.println("Measuring " + hdName + " vs " + saName + " (" + INFERENCE_WARM_UPS + " warm-up, "
                + INFERENCES + " timed inferences each)");
        long[] hdNanos = new long[INFERENCES];
        long[] saNanos = new long[INFERENCES];
        try (ProjectApiTransport hdRelay = openRelay(hostDriven); ProjectApiTransport saRelay = openRelay(standalone)) {
            DeviceSession hd = HostDrivenDeviceSession.open(hdRelay, SessionTimeouts.from(hdRelay.timeouts(),
                    settings.queryTimeout(), settings.callTimeout()), description, settings.queryTimeout(),
                    settings.callTimeout(), BuildLog.NONE);
            DeviceSession sa = StandaloneDeviceSession.open(saRelay, settings.queryTimeout(), settings.callTimeout());
            List<byte[]> hdInputs = HostDrivenRunBench.inputsOf(hd, given);
            List<byte[]> saInputs = HostDrivenRunBench.inputsOf(sa, given);
            for (int i = 0; i < INFERENCE_WARM_UPS; i++) {
                HostDrivenRunBench.inferOnce(hd, hdInputs);
                HostDrivenRunBench.inferOnce(sa, saInputs);
            }
            for (int i = 0; i < INFERENCES; i++) {
                boolean hdFirst = i % 2 == 0;
                long first = HostDrivenRunBench.timedInference(hdFirst ? hd : sa, hdFirst ? hdInputs : saInputs);
                long second = HostDrivenRunBench.timedInference(hdFirst ? sa : hd, hdFirst ? saInputs : hdInputs);
                hdNanos[i] = hdFirst ? first : second;
                saNanos[i] = hdFirst ? second : first;
            }
        }
        String inference = "one inference of " + model + " on " + board + " in QEMU (-icount shift=0) as microtvm:run"
                + " makes it (every input up, run, every output down over the UART, through the Project API relay),"
                + " host wall time";
        return new Comparison(hdName, inference + "; host-driven: microTVM RPC to TVM's CRT RPC server on the board"
                + " (the run is runtime.RPCTimeEvaluator's: the model runs twice, warm-up and timed)",
                Timing.of(hdNanos), saName, inference + "; standalone: the plugin's own protocol", Timing.of(saNanos));
    }

    private Comparison emulatorStart() throws Exception {
        Path qemuProject = project(qemuArm, "mps2-an386", "sine");
        Path hostProject = project(host, null, "sine");
        ProjectApiBench.Side qemu = new ProjectApiBench.Side("start_qemu_an386",
                "open_transport (QEMU boots the sine firmware), HELLO handshake, close_transport (QEMU stopped and"
                        + " reaped), through one running qemu-arm project server",
                ProjectApiBench.timed(() -> startAndStop(qemuProject)));
        ProjectApiBench.Side native_ = new ProjectApiBench.Side("start_host_program",
                "the same with the host template's build/main (a native process)",
                ProjectApiBench.timed(() -> startAndStop(hostProject)));
        return ProjectApiBench.compare(qemu, native_, START_WARM_UPS, STARTS);
    }

    private void startAndStop(Path project) throws Exception {
        try (ProjectApiTransport relay = openRelay(project)) {
            StandaloneSession.open(relay, settings.queryTimeout());
        }
    }

    private List<Comparison> uartThroughput() throws Exception {
        Path project = project(qemuArm, "mps2-an386", "conv_small");
        byte[] input = inputs("conv_small", project).get(0);
        Path image = project.resolve("build/emulator/firmware.elf");
        Path tty = workDir.resolve("ttyQemu");
        int directPort = startQemuServer(image);
        int serialPort = startQemuServer(image);
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + tty,
                "TCP:127.0.0.1:" + serialPort).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        emulators.add(socat);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(tty) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String transfer = "SET_INPUT of conv_small's " + input.length + " B input " + UPLOADS_PER_ROUND
                + " times to the mps2-an386 firmware in QEMU (host to device UART); MiB/s of tensor bytes";
        try (ProjectApiTransport relay = openRelay(project);
             Transport direct = SocketTransport.open("socket://127.0.0.1:" + directPort, settings.queryTimeout());
             Transport serial = SerialTransport.open(tty.toString(), 115200, settings.queryTimeout())) {
            StandaloneSession overRelay = StandaloneSession.open(relay, settings.queryTimeout());
            StandaloneSession overDirect = StandaloneSession.open(direct, settings.queryTimeout());
            StandaloneSession overSerial = StandaloneSession.open(serial, settings.queryTimeout());
            ProjectApiBench.Side directSide = new ProjectApiBench.Side("uart_upload_tcp_direct",
                    transfer + ", straight over a TCP connection to QEMU's UART (no relay, no pty)",
                    ProjectApiBench.timed(() -> upload(overDirect, input)));
            ProjectApiBench.Side relaySide = new ProjectApiBench.Side("uart_upload_relay",
                    transfer + ", through the template's Project API relay (which owns its QEMU's UART socket)",
                    ProjectApiBench.timed(() -> upload(overRelay, input)));
            ProjectApiBench.Side serialSide = new ProjectApiBench.Side("uart_upload_jserialcomm_pty",
                    transfer + ", through jSerialComm on a socat pty wired to QEMU's UART socket",
                    ProjectApiBench.timed(() -> upload(overSerial, input)));
            long bytes = (long) UPLOADS_PER_ROUND * input.length;
            return List.of(
                    ProjectApiBench.compare(relaySide, directSide, TRANSFER_WARM_UPS, TRANSFER_ROUNDS)
                            .movingPayloadBytes(bytes),
                    ProjectApiBench.compare(serialSide, directSide, TRANSFER_WARM_UPS, TRANSFER_ROUNDS)
                            .movingPayloadBytes(bytes));
        }
    }

    /**
     * 256 KiB up and 256 KiB down (input 0 set, output 0 read back; no RUN) on mps2-an386: through files on the host
     * (QEMU semihosting, as microtvm:run moves tensors from microtvm.hostFileThreshold on), and through the UART
     * relay, each against the plainest UART path, a direct TCP connection to a QEMU of the same firmware. The three
     * take turns in each round; the rows are MiB/s of tensor bytes moved.
     */
    List<Comparison> bigTensorTransfers() throws Exception {
        Files.createDirectories(workDir);
        boolean wide = Files.isRegularFile(fixturesDir.resolve(BIG_MODEL + ".tar"));
        String model = wide ? BIG_MODEL : "conv_small";
        Path project = project(qemuArm, "mps2-an386", model);
        byte[] input = inputs(model, project).get(0);
        int directPort = startQemuServer(project.resolve("build/emulator/firmware.elf"));
        try (ProjectApiTransport relay = openRelay(project);
             Transport direct = SocketTransport.open("socket://127.0.0.1:" + directPort, settings.queryTimeout())) {
            StandaloneDeviceSession files = StandaloneDeviceSession.open(relay, settings.queryTimeout(),
                    settings.callTimeout(), new HostFileThreshold(0), TransportOrigin.TEMPLATE, BuildLog.NONE);
            StandaloneDeviceSession uart = StandaloneDeviceSession.open(relay, settings.queryTimeout(),
                    settings.callTimeout(), HostFileThreshold.NEVER, TransportOrigin.TEMPLATE, BuildLog.NONE);
            StandaloneDeviceSession tcp = StandaloneDeviceSession.open(direct, settings.queryTimeout(),
                    settings.callTimeout());
            if (!files.inputByHostFile(0) || !files.outputByHostFile(0)) {
                throw new IllegalStateException("the " + model + " firmware does not offer host files");
            }
            long perRepeat = input.length + files.outputs().get(0).sizeBytes();
            int repeats = wide ? 1 : (int) Math.max(1, 2L * BIG_TRANSFER_BYTES / perRepeat);
            String transfer = (wide ? "input 0 of " + model + " (" + input.length + " B) up and output 0 ("
                    + files.outputs().get(0).sizeBytes() + " B) down"
                    : "conv_small's input (" + input.length + " B) up and output down " + repeats + " times, "
                    + perRepeat * repeats + " B (" + BIG_MODEL + " not in the fixtures)") + ", mps2-an386 firmware in QEMU; MiB/s of tensor bytes";
            System.out.println("Measuring qemu_big_tensor_* (" + BIG_TRANSFER_ROUNDS + " rounds of " + transfer + ")");
            long[] filesNanos = new long[BIG_TRANSFER_ROUNDS];
            long[] uartNanos = new long[BIG_TRANSFER_ROUNDS];
            long[] tcpNanos = new long[BIG_TRANSFER_ROUNDS];
            moveBig(files, input, 1); // warm-up of the host-file path: temp dir, first semihosting calls
            for (int round = 0; round < BIG_TRANSFER_ROUNDS; round++) {
                for (int turn = 0; turn < 3; turn++) {
                    switch ((round + turn) % 3) {
                        case 0 -> filesNanos[round] = moveBig(files, input, repeats);
                        case 1 -> uartNanos[round] = moveBig(uart, input, repeats);
                        default -> tcpNanos[round] = moveBig(tcp, input, repeats);
                    }
                }
            }
            long bytes = perRepeat * repeats;
            String overTcp = transfer + ", straight over a TCP connection to QEMU's UART (no relay)";
            return List.of(
                    new Comparison("qemu_big_tensor_host_files", transfer + ", through files on the host (QEMU"
                            + " semihosting: LOAD_INPUT/SAVE_OUTPUT, hostFileThreshold) over the Project API relay",
                            Timing.of(filesNanos), "qemu_big_tensor_uart_tcp_direct", overTcp, Timing.of(tcpNanos))
                            .movingPayloadBytes(bytes),
                    new Comparison("qemu_big_tensor_uart_relay", transfer + ", through the UART and the template's"
                            + " Project API relay (SET_INPUT/GET_OUTPUT)", Timing.of(uartNanos),
                            "qemu_big_tensor_uart_tcp_direct", overTcp, Timing.of(tcpNanos)).movingPayloadBytes(bytes));
        }
    }

    /** Input 0 up and output 0 down, {@code repeats} times; the nanoseconds it took. */
    private static long moveBig(StandaloneDeviceSession session, byte[] input, int repeats) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            session.setInput(0, input);
            session.getOutput(0);
        }
        return System.nanoTime() - start;
    }

    private void upload(StandaloneSession session, byte[] input) throws Exception {
        for (int i = 0; i < UPLOADS_PER_ROUND; i++) {
            session.setInput(0, input, settings.queryTimeout());
        }
    }

    /** QEMU with the image and its UART listening on a free loopback port; returns once it listens. */
    private int startQemuServer(Path image) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = workDir.resolve("qemu-" + port + ".log");
        Process qemu = new ProcessBuilder("qemu-system-arm", "-M", "mps2-an386", "-display", "none", "-monitor", "none",
                "-no-reboot", "-icount", "shift=0", "-kernel", image.toString(),
                "-serial", "tcp:127.0.0.1:" + port + ",server=on,wait=on,nodelay=on")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        emulators.add(qemu);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.readString(log).contains("waiting for connection")) {
            if (!qemu.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("QEMU did not listen on " + port + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return port;
    }

    private Path project(Template template, String board, String model) throws Exception {
        return project(template, board, model, Map.of());
    }

    private Path project(Template template, String board, String model, Map<String, String> extraOptions)
            throws Exception {
        Path dir = workDir.resolve(template.platform() + "-" + (board == null ? "" : board + "-") + model);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Map<String, String> options = new java.util.HashMap<>(extraOptions);
        if (board != null) {
            options.put("board", board);
        }
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(modelFile(model, ".tar"),
                template, dir, options, false, pluginVersion));
        GeneratedProject generated = GeneratedProject.open(dir);
        generated.build(Map.of(), false, settings, BuildLog.NONE);
        generated.flash(Map.of(), settings, BuildLog.NONE);
        return dir;
    }

    private Path modelFile(String model, String suffix) {
        return "sine".equals(model) ? repoRoot.resolve("example/model/sine" + suffix)
                : fixturesDir.resolve(model + suffix);
    }

    /** TVM's reference inputs, in the model's order (model_io.json). */
    private List<byte[]> inputs(String model, Path project) throws Exception {
        Map<String, NdArray> given = Npz.read(modelFile(model, ".inputs.npz"));
        var description = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                project.resolve("model_io.json").toFile());
        List<byte[]> inputs = new ArrayList<>();
        for (var input : description.get("inputs")) {
            inputs.add(given.get(input.get("name").asText()).data());
        }
        return inputs;
    }

    private ProjectApiTransport openRelay(Path project) throws Exception {
        ProjectApiClient server = ProjectServers.start(project, settings);
        try {
            return ProjectApiTransport.open(server, JsonNodeFactory.instance.objectNode(), settings.callTimeout());
        } catch (RuntimeException e) {
            server.close();
            throw e;
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
