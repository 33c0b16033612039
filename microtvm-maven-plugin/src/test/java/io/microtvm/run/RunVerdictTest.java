package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.MicroTvmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** microtvm:verify's judgement, from reports written by {@link RunReports}. */
class RunVerdictTest {
    @TempDir
    Path tmp;

    private void write(String execution, RunOutcome like) throws Exception {
        RunIdentity id = new RunIdentity("com.acme", "kws", execution);
        RunReports.write(tmp, new RunOutcome(id, like.facts(), like.status(), like.result(), like.footprint(),
                like.gates(), like.error(), like.skipReason()));
    }

    @Test
    void everyRunThatDidNotPassIsNamedWithItsReasons() throws Exception {
        write("a", RunOutcomes.passed());
        write("b", RunOutcomes.failed());
        write("c", RunOutcomes.error());
        write("d", RunOutcomes.skipped());

        RunVerdict verdict = RunVerdict.of(ReportedRun.readAll(tmp), null);

        assertThat(verdict.counts()).isEqualTo("microTVM runs: 4, Passed: 1, Failures: 1, Errors: 1, Skipped: 1");
        assertThat(verdict.notPassed()).contains("com.acme:kws@b: FAILED", RunOutcomes.FAILURE, "grew too much",
                "com.acme:kws@c: ERROR", "io.microtvm.MicroTvmException: The inputs file has no input named")
                .doesNotContain("@a", "@d");
        assertThat(verdict.failsBuild(false)).isTrue();
    }

    @Test
    void ignoringFailuresNeverIgnoresErrors() throws Exception {
        write("b", RunOutcomes.failed());
        assertThat(RunVerdict.of(ReportedRun.readAll(tmp), null).failsBuild(true)).isFalse();

        write("c", RunOutcomes.error());
        assertThat(RunVerdict.of(ReportedRun.readAll(tmp), null).failsBuild(true)).isTrue();
    }

    @Test
    void passedAndSkippedRunsPass() throws Exception {
        write("a", RunOutcomes.passed());
        write("d", RunOutcomes.skipped());

        assertThat(RunVerdict.of(ReportedRun.readAll(tmp), null).failsBuild(false)).isFalse();
    }

    @Test
    void reportsOlderThanTheBuildAreLeftOutUnlessThereAreNoNewerOnes() throws Exception {
        Instant buildStart = Instant.now().minusSeconds(60);
        RunOutcome failed = RunOutcomes.failed();
        RunFacts f = failed.facts();
        write("old", new RunOutcome(failed.identity(), new RunFacts(buildStart.minusSeconds(3600), f.project(),
                f.hostname(), f.platform(), f.board(), f.modelFile(), f.modelSha256(), f.protocol(), f.fillMode(),
                f.seed()), failed.status(), failed.result(), null, failed.gates(), null, null));
        write("new", RunOutcomes.error()); // started now

        RunVerdict verdict = RunVerdict.of(ReportedRun.readAll(tmp), buildStart);
        assertThat(verdict.runs()).extracting(ReportedRun::run).containsExactly("com.acme:kws@new");
        assertThat(verdict.olderRuns()).extracting(ReportedRun::run).containsExactly("com.acme:kws@old");

        RunVerdict alone = RunVerdict.of(ReportedRun.readAll(tmp), Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(alone.runs()).hasSize(2);
    }

    @Test
    void anUnreadableReportIsAnErrorNeverAPass() throws Exception {
        Files.writeString(tmp.resolve("microtvm-broken.json"), "{\"status\": ");

        List<ReportedRun> runs = ReportedRun.readAll(tmp);

        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.ERROR);
            assertThat(r.reasons().get(0)).contains("cannot be read as JSON");
        });
    }

    @Test
    void aVersionOneReportIsJudgedByItsPassedFlag() throws Exception {
        Files.writeString(tmp.resolve("microtvm-project.json"), "{\"project\": \"project\", \"passed\": false,"
                + " \"checks\": [{\"output\": \"output_0\", \"passed\": false, \"message\": \"differs\"}]}");

        ReportedRun run = ReportedRun.readAll(tmp).get(0);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.run()).isEqualTo("project");
        assertThat(run.reasons()).containsExactly("differs");
    }

    @Test
    void noReportsDirMeansNoRuns() throws Exception {
        assertThat(ReportedRun.readAll(tmp.resolve("none"))).isEmpty();
    }
}
