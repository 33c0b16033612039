package io.microtvm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportReaderTest {
    @TempDir
    Path dir;

    @Test
    void aContractReportReadsEveryFact() throws Exception {
        RunRecord r = RunReportReader.read(ContractReports.write(dir, "microtvm-com.acme.kws-tests.on-device.json",
                ContractReports.PASSED_ON_QEMU));

        assertThat(r.file()).isEqualTo("microtvm-com.acme.kws-tests.on-device.json");
        assertThat(r.suite()).isEqualTo("com.acme.kws-tests.on-device");
        assertThat(r.module()).isEqualTo("com.acme:kws-tests");
        assertThat(r.execution()).isEqualTo("on-device");
        assertThat(r.status()).isEqualTo(RunRecord.Status.PASSED);
        assertThat(r.timestamp()).isEqualTo("2026-12-06T20:01:02Z");
        assertThat(r.hostname()).isEqualTo("ci-agent-7");
        assertThat(r.target()).isEqualTo("qemu-arm / mps2-an386");
        assertThat(r.modelName()).isEqualTo("kws.tar");
        assertThat(r.modelFile()).isEqualTo("/work/models/kws.tar");
        assertThat(r.modelSha256()).isEqualTo("3f9a");
        assertThat(r.protocol()).isEqualTo("standalone");
        assertThat(r.fillMode()).isEqualTo("random");
        assertThat(r.seed()).isEqualTo(1234L);
        assertThat(r.runs()).isEqualTo(3);
        assertThat(r.deviceUnit()).isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(r.deviceSeconds()).isEqualTo(new RunRecord.Spread(0.0227, 0.02271, 0.02272));
        assertThat(r.hostSeconds()).isEqualTo(new RunRecord.Spread(0.5, 0.51, 0.6));
        assertThat(r.deviceSecondsPerRun()).containsExactly(0.0227, 0.02272, 0.02271);
        assertThat(r.hostSecondsPerRun()).containsExactly(0.6, 0.51, 0.5);
        assertThat(r.footprint()).isEqualTo(new RunRecord.Footprint(174080L, 4194304L, 23856L, 4194304L));
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.output()).isEqualTo("output_0");
            assertThat(c.passed()).isTrue();
            assertThat(c.top1Agrees()).isTrue();
            assertThat(c.cosineSimilarity()).isEqualTo(1.0);
            assertThat(c.absErrorPerElement()).isEmpty();
        });
        assertThat(r.gates()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("maxDeviceTime");
            assertThat(g.limit()).isEqualTo(0.05);
        });
        assertThat(r.error()).isNull();
    }

    @Test
    void aFailedCheckKeepsItsErrorsPerElementAndAnErrorItsTypeAndMessage() throws Exception {
        RunRecord failed = RunReportReader.read(ContractReports.write(dir, "microtvm-a.json",
                ContractReports.FAILED_ON_HOST));
        RunRecord error = RunReportReader.read(ContractReports.write(dir, "microtvm-b.json",
                ContractReports.ERROR_ON_QEMU));

        assertThat(failed.status()).isEqualTo(RunRecord.Status.FAILED);
        assertThat(failed.modelName()).as("a Windows path's file name").isEqualTo("sine.tar");
        assertThat(failed.target()).as("no board").isEqualTo("host");
        assertThat(failed.footprint()).isNull();
        assertThat(failed.checks().get(0).absErrorPerElement()).containsExactly(0.0, 0.25, 1.0, 0.0);
        assertThat(failed.top1Agrees()).isFalse();
        assertThat(failed.worstCosineSimilarity()).isEqualTo(0.75);
        assertThat(error.status()).isEqualTo(RunRecord.Status.ERROR);
        assertThat(error.deviceSeconds()).isEqualTo(RunRecord.Spread.NONE);
        assertThat(error.error().type()).isEqualTo("io.microtvm.run.standalone.DeviceErrorException");
        assertThat(error.error().message()).isEqualTo("the device refused: <allocation failed> & \"gave up\"");
    }

    @Test
    void aRunWhoseRepeatsDifferedListsThatComparisonAfterItsOutputChecks() throws Exception {
        var differed = new io.microtvm.run.RepeatCheck(List.of("output_0"),
                io.microtvm.run.RepeatCheck.Method.DEVICE_DIGEST, false, List.of(2, 3), List.of(3), 0x1234L, 0x5678L,
                "output_0 differs from run to run: ...");
        var result = new io.microtvm.run.RunResult("proj", "id", "t", List.of(), java.util.Map.of(),
                List.of(new io.microtvm.run.RunResult.Timing(1e-3, 2e-3), new io.microtvm.run.RunResult.Timing(1e-3, 1e-3),
                        new io.microtvm.run.RunResult.Timing(1e-3, 2e-3)),
                List.of(new io.microtvm.run.OutputCheck("output_0", true, "output_0: all 4 elements match", 0, 0, true)),
                List.of(), java.util.Map.of(), List.of(differed));
        var outcome = io.microtvm.run.RunOutcome.completed(new io.microtvm.run.RunIdentity("g", "a", "e"),
                new io.microtvm.run.RunFacts(java.time.Instant.parse("2026-12-06T20:01:02Z"), "proj", "h", "host", null,
                        "/m/sine.tar", "ab", "standalone", "random", 1L), result, null, List.of());
        io.microtvm.run.RunReports.write(dir, outcome);

        RunRecord r = RunReportReader.read(dir.resolve("microtvm-g.a.e.json"));

        assertThat(r.status()).isEqualTo(RunRecord.Status.FAILED);
        assertThat(r.checks()).extracting(RunRecord.Check::output).containsExactly("output_0", "output_0");
        assertThat(r.checks().get(1).passed()).isFalse();
        assertThat(r.checks().get(1).message()).isEqualTo("output_0 differs from run to run: ...");
        assertThat(r.checks().get(1).maxAbsError()).isNull();
    }

    @Test
    void anOldReportReadsWithTheMissingFactsNull() throws Exception {
        RunRecord r = RunReportReader.read(ContractReports.write(dir, "microtvm-sine-an386.json",
                ContractReports.OLD_FORMAT));

        assertThat(r.suite()).as("the project name stands in").isEqualTo("sine-an386");
        assertThat(r.status()).isEqualTo(RunRecord.Status.PASSED);
        assertThat(r.module()).isNull();
        assertThat(r.execution()).isNull();
        assertThat(r.timestamp()).isNull();
        assertThat(r.platform()).isNull();
        assertThat(r.board()).as("from the footprint").isEqualTo("mps2-an386");
        assertThat(r.modelName()).as("the model id stands in").isEqualTo("sine");
        assertThat(r.modelSha256()).isNull();
        assertThat(r.seed()).isNull();
        assertThat(r.deviceUnit()).as("told by the timer's name").isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(r.deviceSeconds().median()).isEqualTo(3.694e-5);
        assertThat(r.deviceSecondsPerRun()).isEmpty();
        assertThat(r.checks().get(0).top1Agrees()).isNull();
        assertThat(r.checks().get(0).cosineSimilarity()).isNull();
        assertThat(r.top1Agrees()).isNull();
        assertThat(r.worstMaxAbsError()).isEqualTo(1e-7);
    }

    @Test
    void aFailedOldReportIsFailed() throws Exception {
        RunRecord r = RunReportReader.read(ContractReports.write(dir, "microtvm-x.json",
                "{\"project\": \"x\", \"passed\": false}"));
        assertThat(r.status()).isEqualTo(RunRecord.Status.FAILED);
        assertThat(r.suite()).isEqualTo("x");
        assertThat(r.deviceSeconds()).isEqualTo(RunRecord.Spread.NONE);
    }

    @Test
    void keysOfAnotherTypeAreUnknownFactsAndARepeatWithoutTimeKeepsItsPlace() throws Exception {
        RunRecord r = RunReportReader.read(ContractReports.write(dir, "microtvm-odd.json", """
                {"status": "skipped", "suite": 7, "seed": "1234", "board": ["a"], "footprint": "none",
                 "timing": {"runs": "3", "deviceSecondsPerRun": [0.1, null, "x", 0.3],
                            "deviceSeconds": {"median": "fast"}},
                 "checks": [ 5, {"output": "o", "passed": "yes"} ], "error": "boom"}
                """));

        assertThat(r.status()).isEqualTo(RunRecord.Status.SKIPPED);
        assertThat(r.skipReason()).isNull();
        assertThat(r.suite()).as("the file stem stands in").isEqualTo("odd");
        assertThat(r.seed()).isNull();
        assertThat(r.board()).isNull();
        assertThat(r.footprint()).isNull();
        assertThat(r.runs()).isNull();
        assertThat(r.deviceSecondsPerRun()).containsExactly(0.1, null, null, 0.3);
        assertThat(r.deviceSeconds().median()).isNull();
        assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(r.error()).isNull();
    }

    @Test
    void aSkippedRunSaysWhy() throws Exception {
        RunRecord r = RunReportReader.read(ContractReports.write(dir, "microtvm-s.json",
                "{\"status\": \"skipped\", \"suite\": \"s\", \"skipReason\": \"skipTests=true\", \"timing\": null}"));
        assertThat(r.status()).isEqualTo(RunRecord.Status.SKIPPED);
        assertThat(r.skipReason()).isEqualTo("skipTests=true");
        assertThat(r.runs()).isNull();
        assertThat(r.deviceSeconds()).isEqualTo(RunRecord.Spread.NONE);
    }

    @Test
    void garbageAndForeignJsonAreRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> RunReportReader.read(ContractReports.write(dir, "microtvm-g.json", "{\"status\": ")))
                .isInstanceOf(RunReportReader.NotARunReportException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> RunReportReader.read(ContractReports.write(dir, "microtvm-a.json", "[1, 2]")))
                .isInstanceOf(RunReportReader.NotARunReportException.class)
                .hasMessage("expected a JSON object, found array");
        assertThatThrownBy(() -> RunReportReader.read(ContractReports.write(dir, "microtvm-e.json", "")))
                .isInstanceOf(RunReportReader.NotARunReportException.class);
        assertThatThrownBy(() -> RunReportReader.read(ContractReports.write(dir, "microtvm-f.json",
                "{\"name\": \"some other tool's json\"}")))
                .isInstanceOf(RunReportReader.NotARunReportException.class)
                .hasMessageContaining("no run status");
        assertThatThrownBy(() -> RunReportReader.read(ContractReports.write(dir, "microtvm-s.json",
                "{\"status\": \"green\"}")))
                .isInstanceOf(RunReportReader.NotARunReportException.class);
    }

    @Test
    void aDirectoryReadsEveryRunReportInSuiteOrderAndSkipsTheRestWithAWarning() throws Exception {
        ContractReports.write(dir, "microtvm-com.acme.kws-tests.on-device.json", ContractReports.PASSED_ON_QEMU);
        ContractReports.write(dir, "microtvm-b.json", ContractReports.FAILED_ON_HOST);
        ContractReports.write(dir, "microtvm-garbage.json", "not json at all");
        ContractReports.write(dir, "microtvm-foreign.json", "{\"tool\": \"other\"}");
        ContractReports.write(dir, "other.json", ContractReports.ERROR_ON_QEMU);          // not microtvm-*
        ContractReports.write(dir, "microtvm-runs.csv", "timestamp\r\n");
        java.nio.file.Files.createDirectories(dir.resolve("microtvm-dir.json"));          // not a file
        List<String> warnings = new ArrayList<>();

        List<RunRecord> runs = RunReportReader.readAll(dir, new CollectingLog(warnings));

        assertThat(runs).extracting(RunRecord::suite)
                .containsExactly("com.acme.kws-tests.mismatch", "com.acme.kws-tests.on-device");
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("Skipping " + dir.resolve("microtvm-foreign.json")
                + " in the run summary: no run status");
        assertThat(warnings.get(1)).startsWith("Skipping " + dir.resolve("microtvm-garbage.json")
                + " in the run summary: not JSON");
    }

    @Test
    void aMissingDirectoryHasNoRuns() throws Exception {
        assertThat(RunReportReader.readAll(dir.resolve("absent"), new CollectingLog(new ArrayList<>()))).isEmpty();
    }
}
