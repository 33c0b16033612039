package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.BuildLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client killed outright (SIGKILL: no shutdown hook, no EOF read, since the server is busy in a
 * call) must not leave the bundled template's server and its tools running. The client here is a
 * small Python program that starts the real host template server of a generated project, asks it
 * to build with a compiler that never finishes, and is then SIGKILLed.
 */
class ClientKilledMidCallTest {

    // starts the server on two pipes, sends build, prints the server's pid, then waits to be killed
    private static final String CLIENT = String.join("\n",
            "import os, subprocess, sys, time",
            "project = sys.argv[1]",
            "req_r, req_w = os.pipe()",
            "rep_r, rep_w = os.pipe()",
            "server = subprocess.Popen([sys.executable, os.path.join(project, 'microtvm_api_server.py'),",
            "                           '--read-fd', str(req_r), '--write-fd', str(rep_w)],",
            "                          cwd=project, pass_fds=(req_r, rep_w))",
            "os.write(req_w, b'{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"build\", \"params\": {\"options\": {}}}\\n')",
            "print(server.pid, flush=True)",
            "time.sleep(600)");

    @TempDir
    Path tmp;

    @Test
    void theServerAndItsHangingCompilerStopWhenTheirClientIsKilled() throws Exception {
        Path hangingCc = tmp.resolve("hanging-cc.sh");
        Files.writeString(hangingCc, "#!/bin/sh\nwhile :; do sleep 1; done\n");
        Files.setPosixFilePermissions(hangingCc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = tmp.resolve("project");
        ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(60),
                line -> { });
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(HostTemplateWorkflowTest.SINE,
                HostTemplateWorkflowTest.HOST, dir, Map.of("cc", hangingCc.toString()), false, "test-version"));

        Process client = new ProcessBuilder("python3", "-c", CLIENT, dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long serverPid = -1;
        try {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
                serverPid = Long.parseLong(out.readLine().trim());
            }
            waitUntil("the build to start the hanging compiler", Duration.ofSeconds(60),
                    () -> !processesRunning(hangingCc).isEmpty());

            client.destroyForcibly();
            assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long server = serverPid;
            waitUntil("the server and the compiler to stop", Duration.ofSeconds(15),
                    () -> ProcessHandle.of(server).map(p -> !p.isAlive()).orElse(true)
                            && processesRunning(hangingCc).isEmpty());
        } finally {
            client.destroyForcibly();
            if (serverPid > 0) {
                ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
            }
            processesRunning(hangingCc).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<ProcessHandle> processesRunning(Path script) {
        String name = script.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(name)).orElse(false)
                        || p.info().commandLine().map(c -> c.contains(name)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private static void waitUntil(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - end).as("waited %s for %s", limit, what).isNegative();
            Thread.sleep(50);
        }
    }
}
