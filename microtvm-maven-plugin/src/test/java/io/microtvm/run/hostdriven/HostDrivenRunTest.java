package io.microtvm.run.hostdriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.npz.NdArray;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import io.microtvm.projectapi.ServerErrorException;
import io.microtvm.rpc.HostDrivenFirmware;
import io.microtvm.run.FillMode;
import io.microtvm.run.ModelRun;
import io.microtvm.run.OutputCheck;
import io.microtvm.run.OutputComparison;
import io.microtvm.run.RunProtocol;
import io.microtvm.run.RunResult;
import io.microtvm.run.Tolerance;
import io.microtvm.transport.DeviceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * microtvm:run's host-driven path end to end: the host template's host_driven firmware (TVM's CRT
 * RPC server built from the fixture's runtime/ or a standalone CRT), the Project API transport,
 * and the Java session/RPC stack, on every host-driven fixture against TVM's reference outputs.
 */
class HostDrivenRunTest {
    final List<String> logLines = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { logLines.add("DEBUG " + m); }
        @Override public void info(String m) { logLines.add("INFO " + m); }
        @Override public void warn(String m) { logLines.add("WARN " + m); }
        @Override public void error(String m) { logLines.add("ERROR " + m); }
    };

    @TempDir
    Path tmp;

    private RunResult run(GeneratedProject project, String fixture, RunProtocol protocol, int repeat)
            throws Exception {
        Path f = HostDrivenFirmware.FIXTURES;
        return new ModelRun(HostDrivenFirmware.SETTINGS, log).run(new ModelRun.Request(project,
                f.resolve(fixture + ".inputs.npz"), FillMode.RANDOM, 1, f.resolve(fixture + ".outputs.npz"),
                new Tolerance(null, null), repeat, Map.of(), protocol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sine_aot_hd", "mlp_int8_aot_hd", "two_io_aot_hd", "conv_small_aot_hd",
        "sine_graph", "mlp_int8_graph", "two_io_graph", "conv_small_graph"})
    void everyHostDrivenFixtureMatchesTvmsReferenceOutputs(String fixture) throws Exception {
        RunResult result = run(HostDrivenFirmware.project(fixture), fixture, RunProtocol.AUTO, 2);

        assertThat(result.checks()).isNotEmpty().allMatch(OutputCheck::passed);
        assertThat(result.runs()).hasSize(2);
        assertThat(result.timerName()).contains("RPCTimeEvaluator");
        assertThat(result.runs()).allMatch(t -> t.deviceSeconds() >= 0);
        if (fixture.endsWith("_aot_hd")) {
            // the CRT's AOT executor logs its metadata while it is created
            assertThat(logLines).as("device logs reach the build log").anyMatch(l -> l.startsWith("INFO [device] "));
        }
    }

    @Test
    void theSameModelStandaloneAndHostDrivenGivesTheSameOutputs() throws Exception {
        GeneratedProject standalone = HostDrivenFirmware.standaloneProject("two_io");

        Map<String, NdArray> viaStandalone = run(standalone, "two_io", RunProtocol.AUTO, 1).outputs();
        Map<String, NdArray> viaAot = run(HostDrivenFirmware.project("two_io_aot_hd"), "two_io_aot_hd",
                RunProtocol.AUTO, 1).outputs();
        Map<String, NdArray> viaGraph = run(HostDrivenFirmware.project("two_io_graph"), "two_io_graph",
                RunProtocol.AUTO, 1).outputs();

        assertThat(OutputComparison.compare(viaAot, viaStandalone, new Tolerance(null, null)))
                .hasSize(2).allMatch(OutputCheck::passed);
        assertThat(OutputComparison.compare(viaGraph, viaStandalone, new Tolerance(null, null)))
                .hasSize(2).allMatch(OutputCheck::passed);
    }

    @Test
    void forcingHostDrivenOnAStandaloneFirmwareFailsAtTheHandshakeSayingWhatWasExpected() throws Exception {
        GeneratedProject standalone = HostDrivenFirmware.standaloneProject("two_io");
        var quick = new io.microtvm.project.ServerSettings("python3", java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(30), line -> { });

        assertThatThrownBy(() -> new ModelRun(quick, log).run(new ModelRun.Request(standalone, null, FillMode.ZEROS, 1,
                null, new Tolerance(null, null), 1, Map.of(), RunProtocol.HOST_DRIVEN)))
                .isInstanceOf(io.microtvm.transport.DeviceException.class)
                .hasMessageContaining("no StartSessionReply within 2000 ms")
                .hasMessageContaining("host-driven firmware");
    }

    @Test
    void aGraphModelWithoutStandaloneCrtSaysWhereItLookedAndHowToProvideIt() {
        Path dir = tmp.resolve("no_crt");
        assertThatThrownBy(() -> new ProjectCreator(HostDrivenFirmware.SETTINGS, BuildLog.NONE).create(
                new ProjectCreator.Request(HostDrivenFirmware.FIXTURES.resolve("sine_graph.tar"),
                        new Template("host", HostDrivenFirmware.REPO.resolve("templates/host"), TemplateSource.BUNDLED),
                        dir, Map.of("project_type", "host_driven"), false, "test")))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("sine_graph.tar's runtime/")
                .hasMessageContaining("standalone_crt_dir (not given)")
                .hasMessageContaining("microtvm.standaloneCrtDir");
    }

    @Test
    void aStandaloneMlfIsRefusedForHostDrivenWithTheReason() {
        Path dir = tmp.resolve("standalone_mlf");
        assertThatThrownBy(() -> new ProjectCreator(HostDrivenFirmware.SETTINGS, BuildLog.NONE).create(
                new ProjectCreator.Request(HostDrivenFirmware.FIXTURES.resolve("mlp_int8.tar"),
                        new Template("host", HostDrivenFirmware.REPO.resolve("templates/host"), TemplateSource.BUNDLED),
                        dir, Map.of("project_type", "host_driven"), false, "test")))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("system-lib");
    }

    @Test
    void anUnknownProtocolValueNamesTheParameter() {
        assertThatThrownBy(() -> RunProtocol.parse("rpc"))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.PROTOCOL))
                .hasMessageContaining("'rpc'")
                .hasMessageContaining("host-driven");
    }
}
