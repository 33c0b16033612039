package io.microtvm.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The short table at the end of a build log, like Surefire's "Results:" block: one line per run
 * (suite, status, device median, host median, footprint) under a header, and a totals line.
 */
public final class SummaryTable {
    private static final List<String> HEADER = List.of("Run", "Status", "Device median", "Host median", "Footprint");

    private SummaryTable() {
    }

    /** The lines to log, columns padded to line up; the header line is first, the totals last. */
    public static List<String> lines(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RunRecord r : runs) {
            rows.add(List.of(r.suite(), r.status().word(), r.deviceUnit().format(r.deviceSeconds().median()),
                    Quantities.seconds(r.hostSeconds().median()), footprint(r.footprint())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("microTVM results (" + RunsPage.totals(runs) + "):");
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code flash 5.8 KiB of 4 MiB (0.1 %), RAM 23.3 KiB of 4 MiB (0.6 %)}, or {@code -} when not reported. */
    static String footprint(RunRecord.Footprint f) {
        List<String> parts = new ArrayList<>();
        if (f != null && f.flashBytes() != null) {
            parts.add(Quantities.bytesOf("flash", f.flashBytes(), f.flashCapacityBytes()));
        }
        if (f != null && f.ramBytes() != null) {
            parts.add(Quantities.bytesOf("RAM", f.ramBytes(), f.ramCapacityBytes()));
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
