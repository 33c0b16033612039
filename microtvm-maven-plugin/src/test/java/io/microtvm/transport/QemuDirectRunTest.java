package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.microtvm.BuildLog;
import io.microtvm.RetryPolicy;
import io.microtvm.Setting;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.run.DirectLink;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.RunResult;
import io.microtvm.run.Tolerance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * microtvm:run over a direct link ({@code microtvm.serialPort}) to a board that is already running: the
 * qemu-arm firmware of the sine model in a QEMU whose UART listens on TCP, reached as
 * {@code socket://127.0.0.1:PORT}, and through a pty in front of that socket by jSerialComm, as a real
 * board's USB serial port would be. The outputs must match TVM's reference.
 */
class QemuDirectRunTest {
    static final Path REPO = FirmwareOverDirectTransportsTest.REPO;
    static final Path MODEL = REPO.resolve("example/model");
    static final ServerSettings SETTINGS = new ServerSettings("python3", Duration.ofSeconds(20),
            Duration.ofSeconds(300), line -> { });

    @TempDir
    static Path projects;
    static GeneratedProject sine;

    @TempDir
    Path tmp;
    private Process qemu;

    @BeforeAll
    static void buildAndFlashTheSineFirmware() throws Exception {
        assumeTrue(onPath("qemu-system-arm") && onPath("arm-none-eabi-gcc"),
                "qemu-system-arm or arm-none-eabi-gcc is not installed: apt-get install -y qemu-system-arm "
                        + "gcc-arm-none-eabi libnewlib-arm-none-eabi to run the qemu-arm tests");
        Template qemuArm = new Template("qemu-arm", REPO.resolve("templates/qemu-arm"), TemplateSource.BUNDLED);
        Path dir = projects.resolve("sine");
        new ProjectCreator(SETTINGS, BuildLog.NONE).create(
                new ProjectCreator.Request(MODEL.resolve("sine.tar"), qemuArm, dir, Map.of("board", "mps2-an385"),
                        false, "test"));
        sine = GeneratedProject.open(dir);
        sine.build(Map.of(), false, SETTINGS, BuildLog.NONE);
        sine.flash(Map.of(), SETTINGS, BuildLog.NONE);
    }

    @AfterEach
    void stopQemu() throws InterruptedException {
        if (qemu != null) {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void runsOverTheEmulatorsUartSocket() throws Exception {
        int port = startQemuWithUartServer();
        RunResult result = runSine(new DirectLink("socket://127.0.0.1:" + port, 115200, Duration.ofSeconds(10)));
        assertThat(result.allChecksPassed()).as(result.checks().toString()).isTrue();
        assertThat(result.timerName()).contains("emulated instructions");
    }

    @Test
    void runsOverASerialPortInFrontOfTheEmulator() throws Exception {
        Socat.assumeInstalled();
        int port = startQemuWithUartServer();
        Path tty = tmp.resolve("ttyBoard");
        try (Socat socat = Socat.ptyToTcp(tty, port)) {
            RunResult result = runSine(new DirectLink(tty.toString(), 115200, Duration.ofSeconds(10)));
            assertThat(result.allChecksPassed()).as(result.checks().toString()).isTrue();
        }
    }

    @Test
    void aMissingSerialPortIsNamedWithItsProperty() {
        Path missing = tmp.resolve("no-such-tty");
        assertThatThrownBy(() -> runSine(new DirectLink(missing.toString(), 115200, Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.setting()).contains(Setting.SERIAL_PORT))
                .hasMessageContaining(missing.toString());
    }

    private RunResult runSine(DirectLink link) throws Exception {
        var request = new ModelRun.Request(sine, MODEL.resolve("sine.inputs.npz"), FillMode.RANDOM, 1L,
                MODEL.resolve("sine.outputs.npz"), new Tolerance(null, null), 2, Map.of(), RunProtocol.AUTO);
        return new ModelRun(SETTINGS, BuildLog.NONE, link, RetryPolicy.NONE).run(request);
    }

    /** QEMU with the flashed image and its UART listening on a free loopback port, ready for a connection. */
    private int startQemuWithUartServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        qemu = new ProcessBuilder(List.of("qemu-system-arm", "-M", "mps2-an385", "-display", "none", "-monitor", "none",
                "-no-reboot", "-icount", "shift=0", "-kernel",
                sine.dir().resolve("build/emulator/firmware.elf").toString(),
                "-serial", "tcp:127.0.0.1:" + port + ",server=on,wait=on,nodelay=on"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("qemu.log").toFile()).start();
        // wait=on: QEMU listens before the guest starts and runs it once the one client is connected;
        // watching its log for the listening message avoids taking that one connection with a probe
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.readString(tmp.resolve("qemu.log")).contains("waiting for connection")) {
            if (!qemu.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IOException("QEMU did not listen on port " + port + ": "
                        + Files.readString(tmp.resolve("qemu.log")));
            }
            Thread.sleep(20);
        }
        return port;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
