package io.microtvm.report;

import io.microtvm.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code microtvm-runs.csv}: one row per run report, for a spreadsheet or Jenkins' Plot plugin to
 * trend across builds. RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled. The columns keep their names and order (new columns go at the end);
 * an unknown fact is an empty field; times are in seconds (device times counted in emulated
 * instructions are virtual seconds, 1 instruction per ns, and {@code device_counts} says so); sizes
 * in bytes; numbers in Java's plain decimal or E notation with a dot.
 */
public final class RunsCsv {
    /** The file name, in the reports directory. */
    public static final String FILE = "microtvm-runs.csv";

    private record Column(String name, Function<RunRecord, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("timestamp", RunRecord::timestamp),
            new Column("suite", RunRecord::suite),
            new Column("module", RunRecord::module),
            new Column("execution", RunRecord::execution),
            new Column("model", RunRecord::modelName),
            new Column("model_sha256", RunRecord::modelSha256),
            new Column("platform", RunRecord::platform),
            new Column("board", RunRecord::board),
            new Column("protocol", RunRecord::protocol),
            new Column("status", r -> r.status().word()),
            new Column("runs", RunRecord::runs),
            new Column("device_min_seconds", r -> r.deviceSeconds().min()),
            new Column("device_median_seconds", r -> r.deviceSeconds().median()),
            new Column("device_max_seconds", r -> r.deviceSeconds().max()),
            new Column("device_counts", r -> r.deviceUnit().jsonName()),
            new Column("host_min_seconds", r -> r.hostSeconds().min()),
            new Column("host_median_seconds", r -> r.hostSeconds().median()),
            new Column("host_max_seconds", r -> r.hostSeconds().max()),
            new Column("flash_bytes", r -> r.footprint() == null ? null : r.footprint().flashBytes()),
            new Column("flash_capacity_bytes", r -> r.footprint() == null ? null : r.footprint().flashCapacityBytes()),
            new Column("ram_bytes", r -> r.footprint() == null ? null : r.footprint().ramBytes()),
            new Column("ram_capacity_bytes", r -> r.footprint() == null ? null : r.footprint().ramCapacityBytes()),
            new Column("max_abs_error", RunRecord::worstMaxAbsError),
            new Column("rmse", RunRecord::worstRmse),
            new Column("top1_agrees", RunRecord::top1Agrees),
            new Column("cosine_similarity", RunRecord::worstCosineSimilarity));

    private RunsCsv() {
    }

    /** The column names, in order. */
    public static List<String> header() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** The whole file: the header and one row per run. */
    public static String text(List<RunRecord> runs) {
        StringBuilder out = new StringBuilder();
        line(out, header());
        for (RunRecord r : runs) {
            List<String> fields = new ArrayList<>();
            for (Column c : COLUMNS) {
                fields.add(field(c.value().apply(r)));
            }
            line(out, fields);
        }
        return out.toString();
    }

    /** Writes {@link #FILE} in {@code dir} atomically; returns its path. */
    public static Path write(Path dir, List<RunRecord> runs) throws IOException {
        Path file = dir.resolve(FILE);
        AtomicFiles.writeAtomically(file, text(runs).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(fields.get(i)));
        }
        out.append("\r\n");
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "" : d.toString();
        }
        return value.toString();
    }

    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
