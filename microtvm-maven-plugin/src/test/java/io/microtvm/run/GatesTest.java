package io.microtvm.run;

import static io.microtvm.SettingNames.PLAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.report.DeviceTimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatesTest {
    static final String ICOUNT = "SysTick at 25 MHz under QEMU -icount shift=0: counts emulated instructions (40 per"
            + " tick), not silicon cycles";

    @TempDir
    Path tmp;

    /** Device times 2, 1, 3 ms: median 2 ms. */
    private static RunResult run(String timer) {
        return RunOutcomes.result("id", timer, List.of());
    }

    private static ObjectNode footprint(long flash, long ram) {
        return new ObjectMapper().createObjectNode().put("flash_bytes", flash).put("ram_bytes", ram);
    }

    @Test
    void maxDeviceTimePassesWithinAndFailsAboveWithTheMedianAndTheLimit() throws Exception {
        GateResult within = Gates.maxDeviceTime(DeviceTimeLimit.parse("2ms"), run("clock"), PLAIN);
        GateResult above = Gates.maxDeviceTime(DeviceTimeLimit.parse("1500us"), run("clock"), PLAIN);

        assertThat(within.passed()).isTrue();
        assertThat(above.passed()).isFalse();
        assertThat(above.measured()).isEqualTo(0.002);
        assertThat(above.limit()).isEqualTo(0.0015);
        assertThat(above.unit()).isEqualTo("seconds");
        assertThat(above.message()).contains("median device time 2.00 ms over 3 run(s) exceeds the limit 1.50 ms")
                .contains("(setting maxDeviceTime)");
    }

    @Test
    void underIcountTheLimitIsInInstructions() throws Exception {
        GateResult gate = Gates.maxDeviceTime(DeviceTimeLimit.parse("1900000instructions"), run(ICOUNT), PLAIN);

        assertThat(gate.passed()).isFalse();
        assertThat(gate.measured()).isEqualTo(2_000_000);
        assertThat(gate.unit()).isEqualTo("instructions");
        assertThat(gate.message()).contains("median device time 2.00 M instructions over 3 run(s) exceeds the limit 1.90 M instructions");
    }

    @Test
    void aLimitInTheOtherUnitThanTheTimerCountsIsAConfigurationError() {
        assertThatThrownBy(() -> Gates.maxDeviceTime(DeviceTimeLimit.parse("20000000instructions"), run("clock"),
                PLAIN))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("'20000000instructions', in instructions")
                .hasMessageContaining("counts seconds")
                .hasMessageContaining("e.g. 5ms");
        assertThatThrownBy(() -> Gates.maxDeviceTime(DeviceTimeLimit.parse("5ms"), run(ICOUNT), PLAIN))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("counts instructions")
                .hasMessageContaining("e.g. 20000000instructions");
    }

    @Test
    void aLimitWithoutADeviceTimeIsAConfigurationError() {
        RunResult untimed = new RunResult("p", "id", "none: no evaluator", List.of(), java.util.Map.of(),
                List.of(new RunResult.Timing(Double.NaN, 0.1)), List.of(), List.of());

        assertThatThrownBy(() -> Gates.maxDeviceTime(DeviceTimeLimit.parse("5ms"), untimed, PLAIN))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("measured no time (timer: none: no evaluator)");
    }

    @Test
    void theRegressionGateFailsWhatGrewMoreThanAllowedAndSaysOldNewAndTheChange() throws Exception {
        BaselineReport baseline = new BaselineReport(tmp, 0.0018, DeviceTimeUnit.SECONDS, 5000, 20000);

        List<GateResult> gates = Gates.regression(baseline, 10, run("clock"), footprint(5400, 22500), PLAIN);

        assertThat(gates).extracting(GateResult::name).containsExactly("regression.deviceTime", "regression.flash",
                "regression.ram");
        assertThat(gates).extracting(GateResult::passed).containsExactly(false, true, false);
        assertThat(gates.get(0).message()).contains("median device time 2.00 ms against 1.80 ms in the baseline (+11.1 %,"
                + " limit +10 %");
        assertThat(gates.get(1).message()).contains("flash footprint 5.3 KiB against 4.9 KiB in the baseline (+8.0 %");
        assertThat(gates.get(2).message()).contains("(+12.5 %").contains("grew too much");
        assertThat(gates.get(2).baseline()).isEqualTo(20000);
        assertThat(gates.get(2).limit()).isEqualTo(22000);
    }

    @Test
    void aRegressionGateWithinItsPercentPassesAndShrinkingAlwaysPasses() throws Exception {
        BaselineReport baseline = new BaselineReport(tmp, 0.0025, DeviceTimeUnit.SECONDS, 5000, 20000);

        List<GateResult> gates = Gates.regression(baseline, 0, run("clock"), footprint(5000, 19000), PLAIN);

        assertThat(gates).allMatch(GateResult::passed);
        assertThat(gates.get(0).message()).contains("(-20.0 %");
    }

    @Test
    void whatOneSideDoesNotHaveIsNotComparedAndNothingComparableIsAnError() throws Exception {
        BaselineReport noFootprint = new BaselineReport(tmp, 0.002, DeviceTimeUnit.SECONDS, Double.NaN, Double.NaN);

        List<GateResult> gates = Gates.regression(noFootprint, 10, run("clock"), footprint(1, 1), PLAIN);
        assertThat(gates.get(1).passed()).isTrue();
        assertThat(gates.get(1).message()).isEqualTo("regression.flash: not compared, the baseline has no flash footprint");

        BaselineReport onlyFootprint = new BaselineReport(tmp, Double.NaN, DeviceTimeUnit.SECONDS, 1, 1);
        assertThatThrownBy(() -> Gates.regression(onlyFootprint, 10, run("clock"), null, PLAIN))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("nothing in common to compare");
    }

    @Test
    void aBaselineCountingInstructionsCannotJudgeATimerCountingSeconds() {
        BaselineReport icount = new BaselineReport(tmp, 2e6, DeviceTimeUnit.INSTRUCTIONS, Double.NaN, Double.NaN);

        assertThatThrownBy(() -> Gates.regression(icount, 10, run("clock"), null, PLAIN))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("counts its device time in instructions")
                .hasMessageContaining("in seconds");
    }

    @Test
    void aNegativePercentIsAConfigurationError() {
        BaselineReport baseline = new BaselineReport(tmp, 0.002, DeviceTimeUnit.SECONDS, 1, 1);

        assertThatThrownBy(() -> Gates.regression(baseline, -1, run("clock"), null, PLAIN))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.MAX_REGRESSION_PERCENT));
    }

    @Test
    void theBaselineIsReadFromAWrittenReportInItsUnits() throws Exception {
        RunReports.write(tmp, RunOutcome.completed(RunOutcomes.ID, RunOutcomes.facts(), run(ICOUNT),
                footprint(5936, 23856), List.of()));

        BaselineReport baseline = BaselineReport.read(RunReports.jsonReport(tmp, RunOutcomes.ID));

        assertThat(baseline.deviceCounts()).isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(baseline.deviceMedian()).isEqualTo(2_000_000);
        assertThat(baseline.flashBytes()).isEqualTo(5936);
        assertThat(baseline.ramBytes()).isEqualTo(23856);
    }

    @Test
    void aMissingOrForeignBaselineIsAnErrorNamingTheProperty() throws Exception {
        assertThatThrownBy(() -> BaselineReport.read(tmp.resolve("nope.json")))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.BASELINE_REPORT))
                .hasMessageContaining("does not exist");
        Path foreign = Files.writeString(tmp.resolve("package.json"), "{\"name\": \"x\"}");
        assertThatThrownBy(() -> BaselineReport.read(foreign))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("is not a JSON run report");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"timing\": ");
        assertThatThrownBy(() -> BaselineReport.read(broken))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("as JSON");
    }
}
