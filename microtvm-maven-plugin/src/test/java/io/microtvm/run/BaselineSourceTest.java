package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline that is the run's own last report is read before the run replaces it. */
class BaselineSourceTest {
    @TempDir
    Path reports;

    @Test
    void theRunsOwnLastReportIsReadAtOnceAndSurvivesItsRemoval() throws Exception {
        Path own = RunReports.jsonReport(reports, RunOutcomes.ID);
        RunReports.write(reports, RunOutcomes.passed());

        BaselineSource baseline = BaselineSource.before(own, own);
        RunReports.deleteStale(reports, RunOutcomes.ID);

        assertThat(own).doesNotExist();
        assertThat(baseline.read().file()).isEqualTo(own);
    }

    @Test
    void anotherFileIsReadWhenAskedForAndNoneIsNull() throws Exception {
        Path other = reports.resolve("kept.json");
        BaselineSource later = BaselineSource.before(other, RunReports.jsonReport(reports, RunOutcomes.ID));
        RunReports.write(reports, RunOutcomes.passed());
        Files.copy(RunReports.jsonReport(reports, RunOutcomes.ID), other);

        assertThat(later.read().file()).isEqualTo(other);
        assertThat(BaselineSource.before(null, other).read()).isNull();
    }

    @Test
    void anOwnReportThatCannotBeReadIsTheRunsErrorWhenItAsks() throws Exception {
        Path own = RunReports.jsonReport(reports, RunOutcomes.ID);
        Files.writeString(own, "not json");

        BaselineSource baseline = BaselineSource.before(own, own);
        Files.delete(own);

        assertThatThrownBy(baseline::read).isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("baseline report")
                .satisfies(e -> assertThat(((MicroTvmException) e).setting()).contains(Setting.BASELINE_REPORT));
    }
}
