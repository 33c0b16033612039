package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.microtvm.BuildLog;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.run.standalone.StandaloneSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real firmware as the peer: the host template's build/main of the sine model, put behind a
 * pty or a TCP port by socat as a board's UART would be, driven through the standalone protocol.
 */
class FirmwareOverDirectTransportsTest {
    static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    static final Path MODEL = REPO.resolve("example/model");
    static final Duration CALL = Duration.ofSeconds(20);

    @TempDir
    static Path projects;
    static Path firmware;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildTheSineFirmware() throws Exception {
        Socat.assumeInstalled();
        Template host = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);
        ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(60), Duration.ofSeconds(300),
                line -> { });
        Path project = projects.resolve("sine");
        new ProjectCreator(settings, BuildLog.NONE).create(
                new ProjectCreator.Request(MODEL.resolve("sine.tar"), host, project, Map.of(), false, "test"));
        GeneratedProject.open(project).build(Map.of(), false, settings, BuildLog.NONE);
        firmware = project.resolve("build/main");
    }

    @BeforeEach
    void needsSocat() {
        Socat.assumeInstalled();
    }

    @Test
    void sineRunsOverASerialPort() throws Exception {
        Path tty = tmp.resolve("ttyDev");
        try (Socat socat = Socat.ptyToProgram(tty, firmware);
             SerialTransport transport = SerialTransport.open(tty.toString(), 115200, CALL)) {
            assertThat(runSineOnOne(transport)).isCloseTo(tvmReference(), within(1e-5));
        }
    }

    @Test
    void sineRunsOverASocket() throws Exception {
        int port = freeLoopbackPort();
        try (Socat socat = Socat.tcpToProgram(port, firmware);
             Transport transport = connectWhenListening("socket://127.0.0.1:" + port)) {
            assertThat(runSineOnOne(transport)).isCloseTo(tvmReference(), within(1e-5));
        }
    }

    private static double runSineOnOne(Transport transport) throws Exception {
        StandaloneSession session = StandaloneSession.open(transport, CALL);
        session.setInput(0, littleEndian(1.0f), CALL);
        session.run(CALL);
        return ByteBuffer.wrap(session.getOutput(0, CALL)).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    }

    private static double tvmReference() throws Exception {
        return Npz.read(MODEL.resolve("sine.outputs.npz")).values().iterator().next().getDouble(0);
    }

    private static byte[] littleEndian(float value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
    }

    private static int freeLoopbackPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    // socat listens for one connection only, so no probe: the first connection that works is the one
    private static Transport connectWhenListening(String spec) throws Exception {
        long deadline = System.nanoTime() + CALL.toNanos();
        while (true) {
            try {
                return SocketTransport.open(spec, CALL);
            } catch (DeviceException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
