package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.BuildLog;
import io.microtvm.RetryPolicy;
import io.microtvm.project.GeneratedProject;
import io.microtvm.rpc.HostDrivenFirmware;
import io.microtvm.run.DirectLink;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.OutputCheck;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.RunResult;
import io.microtvm.run.Tolerance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host-driven firmware reached directly (microtvm.serialPort=socket://...), not through its
 * template: TVM's CRT RPC server of the host template behind a socat TCP port, spoken to by the
 * Java session/RPC stack with the plugin's own session deadlines, since no template gave any.
 * socat starts listening a moment after it is started, so the open is retried until it does.
 */
class HostDrivenOverSocketTest {

    @TempDir
    Path tmp;

    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { }
        @Override public void info(String m) { infos.add(m); }
        @Override public void warn(String m) { }
        @Override public void error(String m) { }
    };

    @Test
    void aHostDrivenFirmwareOnASocketRunsAndMatchesTvmsReferenceOutputs() throws Exception {
        Socat.assumeInstalled();
        String fixture = "mlp_int8_aot_hd";
        GeneratedProject project = HostDrivenFirmware.project(fixture);
        int port = freeLoopbackPort();
        Path f = HostDrivenFirmware.FIXTURES;
        var request = new ModelRun.Request(project, f.resolve(fixture + ".inputs.npz"), FillMode.RANDOM, 1,
                f.resolve(fixture + ".outputs.npz"), new Tolerance(null, null), 1, Map.of(), RunProtocol.AUTO);

        try (Socat ignored = Socat.tcpToProgram(port, HostDrivenFirmware.program(fixture))) {
            RunResult result = new ModelRun(HostDrivenFirmware.SETTINGS, log,
                    new DirectLink("socket://127.0.0.1:" + port, 115200, Duration.ofSeconds(10)),
                    new RetryPolicy(50, Duration.ofMillis(100))).run(request);

            assertThat(result.checks()).isNotEmpty().allMatch(OutputCheck::passed);
            assertThat(result.timerName()).contains("RPCTimeEvaluator");
            assertThat(infos).as("the run went over the socket, not the template's transport")
                    .anyMatch(l -> l.startsWith("Talking to the device directly over") && l.contains(":" + port));
        }
    }

    /**
     * A board that boots for a second after its port opens (many reset on open) loses the first
     * handshake; the host resends it, as TVM's board templates ask, and the run goes through.
     */
    @Test
    void aBoardThatMissesTheFirstHandshakeWhileBootingIsReachedByTheResentOne() throws Exception {
        Socat.assumeInstalled();
        String fixture = "sine_aot_hd";
        GeneratedProject project = HostDrivenFirmware.project(fixture);
        Path booting = Files.writeString(tmp.resolve("booting_board.py"), String.join("\n",
                "import os, select, sys, time",
                "end = time.monotonic() + 1.0",
                "while end - time.monotonic() > 0:",
                "    ready, _, _ = select.select([0], [], [], end - time.monotonic())",
                "    if ready and not os.read(0, 4096):",
                "        sys.exit(0)",
                "os.execv(sys.argv[1], sys.argv[1:])",
                ""));
        Path board = Files.writeString(tmp.resolve("booting-board.sh"), "#!/bin/sh\nexec python3 " + booting + " "
                + HostDrivenFirmware.program(fixture) + "\n");
        Files.setPosixFilePermissions(board, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freeLoopbackPort();
        Path f = HostDrivenFirmware.FIXTURES;
        var request = new ModelRun.Request(project, f.resolve(fixture + ".inputs.npz"), FillMode.RANDOM, 1,
                f.resolve(fixture + ".outputs.npz"), new Tolerance(null, null), 1, Map.of(), RunProtocol.AUTO);

        try (Socat ignored = Socat.tcpToProgram(port, board)) {
            RunResult result = new ModelRun(HostDrivenFirmware.SETTINGS, log,
                    new DirectLink("socket://127.0.0.1:" + port, 115200, Duration.ofSeconds(10)),
                    new RetryPolicy(50, Duration.ofMillis(100))).run(request);

            assertThat(result.checks()).isNotEmpty().allMatch(OutputCheck::passed);
        }
    }

    private static int freeLoopbackPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
