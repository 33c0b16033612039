package io.microtvm.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTableTest {
    @TempDir
    Path dir;

    @Test
    void oneAlignedLinePerRunUnderAHeaderWithTheTotalsFirst() throws Exception {
        List<RunRecord> runs = List.of(
                RunReportReader.read(ContractReports.write(dir, "microtvm-a.json", ContractReports.ERROR_ON_QEMU)),
                RunReportReader.read(ContractReports.write(dir, "microtvm-b.json", ContractReports.FAILED_ON_HOST)),
                RunReportReader.read(ContractReports.write(dir, "microtvm-c.json", ContractReports.PASSED_ON_QEMU)));

        assertThat(SummaryTable.lines(runs)).containsExactly(
                "microTVM results (3 runs: 1 passed, 1 failed, 1 errors, 0 skipped):",
                "  Run                           Status  Device median        Host median   Footprint",
                "  com.acme.kws-tests.broken     error   not measured         not measured  -",
                "  com.acme.kws-tests.mismatch   failed  420 ns               210 µs        -",
                "  com.acme.kws-tests.on-device  passed  22.7 M instructions  510 ms        flash 170 KiB of 4 MiB"
                        + " (4.2 %), RAM 23.3 KiB of 4 MiB (0.6 %)");
    }

    @Test
    void noRunsIsTheHeaderAlone() {
        assertThat(SummaryTable.lines(List.of())).containsExactly(
                "microTVM results (0 runs: 0 passed, 0 failed, 0 errors, 0 skipped):",
                "  Run  Status  Device median  Host median  Footprint");
    }

    @Test
    void aFootprintWithoutCapacitiesGivesTheSizes() {
        assertThat(SummaryTable.footprint(new RunRecord.Footprint(6246L, null, 512L, null)))
                .isEqualTo("flash 6.1 KiB, RAM 512 bytes");
        assertThat(SummaryTable.footprint(null)).isEqualTo("-");
    }
}
