package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.transport.DeviceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logic of repeated runs on {@link FakeRepeatDevice}: one upload, N runs, one download, and a
 * model whose outputs change from run to run caught with and without the device's digest. The same
 * against real firmware: {@code ModelRunRepeatTest}.
 */
class RepeatedRunsTest {
    static final List<byte[]> INPUTS = List.of(new byte[4], new byte[4]);
    static final List<String> NAMES = List.of("output_0", "output_1");

    /** Outputs that are the same after every run. */
    static List<byte[]> steady(int run) {
        return List.of(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
    }

    /** Outputs whose second output changes from run {@code from} on, by the run's number. */
    static java.util.function.IntFunction<List<byte[]>> driftingFrom(int from) {
        return run -> List.of(new byte[] {1, 2, 3}, new byte[] {4, 5, (byte) (run >= from ? 6 + run : 6)});
    }

    final List<List<RunResult.Timing>> progress = new ArrayList<>();

    private RepeatedRuns.Result run(FakeRepeatDevice device, int repeat) throws DeviceException {
        return RepeatedRuns.run(device, INPUTS, NAMES, repeat, progress::add);
    }

    @Test
    void withADigestTheInputsGoUpOnceAndTheOutputsComeDownOnce() throws Exception {
        FakeRepeatDevice device = new FakeRepeatDevice(2, 3, 2, RepeatedRunsTest::steady, true);

        RepeatedRuns.Result result = run(device, 5);

        assertThat(device.uploads).containsExactly(0, 1);
        assertThat(device.runs()).isEqualTo(5);
        assertThat(device.downloads).containsExactly(0, 1);
        assertThat(result.outputs()).containsExactlyElementsOf(steady(5));
        assertThat(result.timings()).hasSize(5).allMatch(t -> t.deviceSeconds() == 1e-3 && t.hostSeconds() >= 0);
        assertThat(progress).extracting(List::size).containsExactly(1, 2, 3, 4, 5);
        assertThat(result.checks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.method()).isEqualTo(RepeatCheck.Method.DEVICE_DIGEST);
            assertThat(c.outputs()).containsExactly("output_0", "output_1");
            assertThat(c.comparedRuns()).containsExactly(2, 3, 4, 5);
            assertThat(c.firstDigest()).isEqualTo(OutputDigest.of(steady(1)));
            assertThat(c.testName()).isEqualTo("output_0, output_1 the same in all 5 runs");
        });
    }

    @Test
    void withADigestARunThatDiffersFailsTheCheckNamingTheRunsAndTheDigests() throws Exception {
        FakeRepeatDevice device = new FakeRepeatDevice(2, 3, 2, driftingFrom(3), true);

        RepeatedRuns.Result result = run(device, 4);

        assertThat(device.downloads).as("still one download").containsExactly(0, 1);
        String first = OutputDigest.format(OutputDigest.of(steady(1)));
        String third = OutputDigest.format(OutputDigest.of(driftingFrom(3).apply(3)));
        assertThat(result.checks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.differingRuns()).containsExactly(3, 4);
            assertThat(c.differingDigest()).isEqualTo(OutputDigest.of(driftingFrom(3).apply(3)));
            assertThat(c.message()).contains("the outputs (output_0, output_1, one digest for all) differ from run to run",
                    "after run 3 is " + third, "after run 1 " + first,
                    "2 of runs 2 to 4 differ from run 1 (runs 3, 4)", "not deterministic");
        });
        assertThat(result.outputs()).containsExactlyElementsOf(driftingFrom(3).apply(4));
    }

    @Test
    void withoutADigestTheFirstAndTheLastRunsOutputsAreComparedOnTheHost() throws Exception {
        FakeRepeatDevice steadyDevice = new FakeRepeatDevice(2, 3, 2, RepeatedRunsTest::steady, false);

        RepeatedRuns.Result passed = run(steadyDevice, 5);

        assertThat(steadyDevice.uploads).containsExactly(0, 1);
        assertThat(steadyDevice.runs()).isEqualTo(5);
        assertThat(steadyDevice.downloads).as("after run 1 and after run 5").containsExactly(0, 1, 0, 1);
        assertThat(passed.checks()).hasSize(2).allMatch(RepeatCheck::passed)
                .allMatch(c -> c.method() == RepeatCheck.Method.HOST_COMPARISON && c.comparedRuns().equals(List.of(5)));
        assertThat(passed.checks().get(1).testName()).isEqualTo("output_1 the same in runs 1 and 5");

        RepeatedRuns.Result failed = run(new FakeRepeatDevice(2, 3, 2, driftingFrom(2), false), 5);

        assertThat(failed.checks()).extracting(RepeatCheck::passed).containsExactly(true, false);
        RepeatCheck c = failed.checks().get(1);
        assertThat(c.outputs()).containsExactly("output_1");
        assertThat(c.differingRuns()).containsExactly(5);
        assertThat(c.message()).contains("output_1 differs between run 1 and run 5", "first at byte 2",
                "0x06 after run 1, 0x0b after run 5", OutputDigest.format(c.firstDigest()),
                OutputDigest.format(c.differingDigest()));
    }

    @Test
    void oneRunIsOneUploadOneRunOneDownloadAndNothingToCompare() throws Exception {
        for (boolean digest : new boolean[] {true, false}) {
            FakeRepeatDevice device = new FakeRepeatDevice(2, 3, 2, RepeatedRunsTest::steady, digest);

            RepeatedRuns.Result result = run(device, 1);

            assertThat(device.uploads).containsExactly(0, 1);
            assertThat(device.runs()).isEqualTo(1);
            assertThat(device.downloads).containsExactly(0, 1);
            assertThat(result.checks()).isEmpty();
            assertThat(result.timings()).hasSize(1);
        }
    }

    @Test
    void outputsThatDoNotHaveTheLastRunsDigestAreADeviceError() {
        FakeRepeatDevice device = new FakeRepeatDevice(2, 3, 2, RepeatedRunsTest::steady, true).damagingDownloads();

        assertThatThrownBy(() -> run(device, 3))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("read back after run 3 have CRC-32")
                .hasMessageContaining("the device reported " + OutputDigest.format(OutputDigest.of(steady(3))))
                .hasMessageContaining("the download was damaged");
    }

    @Test
    void aFailedRepeatCheckFailsTheRunAndIsInBothReports() throws Exception {
        RepeatedRuns.Result repeated = run(new FakeRepeatDevice(2, 3, 2, driftingFrom(2), true), 3);
        RunResult result = new RunResult("proj", "fake", "t", List.of(), java.util.Map.of(), repeated.timings(),
                List.of(), List.of(), java.util.Map.of(), repeated.checks());

        assertThat(result.allChecksPassed()).isFalse();
        RunOutcome outcome = RunOutcome.completed(RunOutcomes.ID, RunOutcomes.facts(), result, null, List.of());
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);

        String xml = RunReports.junitXml(outcome);
        assertThat(xml).contains("output_0, output_1 the same in all 3 runs")
                .contains("type=\"NondeterministicOutput\"");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RunReports.json(outcome));
        var check = json.get("repeatChecks").get(0);
        assertThat(check.get("passed").booleanValue()).isFalse();
        assertThat(check.get("method").asText()).isEqualTo("deviceDigest");
        assertThat(check.get("differingRuns").toString()).isEqualTo("[2,3]");
        assertThat(check.get("firstDigest").asText()).isEqualTo(OutputDigest.format(OutputDigest.of(steady(1))));
        assertThat(check.get("differingDigest").asText()).matches("0x[0-9a-f]{8}");

        // microtvm:verify names the run with that reason
        RunReports.write(reports, outcome);
        ReportedRun reported = ReportedRun.read(RunReports.jsonReport(reports, RunOutcomes.ID));
        assertThat(reported.status()).isEqualTo(RunStatus.FAILED);
        assertThat(reported.reasons()).containsExactly(repeated.checks().get(0).message());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path reports;
}
