package io.microtvm.report;

import io.microtvm.report.ChartImage.Kind;
import io.microtvm.report.RunRecord.Check;
import io.microtvm.report.RunRecord.Gate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code index.html}: one page for a person about every run of the module: a table of the runs
 * (model, target, status, device time, host round trip, footprint, accuracy) and, per run, its
 * details and charts. Self-contained: inline style, no script, no network; the charts are PNGs in
 * {@code index-files/} beside it. The markup is well-formed XML as well as HTML5 (polyglot), so the
 * page can be parsed back by any XML parser; every text from a report is escaped.
 */
public final class RunsPage {
    /** The page's file name, in the reports directory. */
    public static final String FILE = "index.html";
    /** The directory beside the page that holds its images. */
    public static final String FILES_DIR = "index-files";

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:1.5em;\
            color:#1b1f24}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d0d7de}
            .totals{color:#57606a;margin-top:0}
            table.runs{border-collapse:collapse;font-size:.9em}
            table.runs th,table.runs td{border:1px solid #d0d7de;padding:.3em .55em;text-align:left;vertical-align:top}
            table.runs th{background:#f6f8fa}
            td.num{text-align:right;white-space:nowrap}td.num small{color:#57606a}td.run,td.target{white-space:nowrap}
            div.wide{overflow-x:auto}
            .status{font-weight:600;border-radius:.3em;padding:.05em .4em;white-space:nowrap}
            .passed{background:#dafbe1;color:#116329}.failed{background:#ffebe9;color:#a40e26}
            .error{background:#fff1c2;color:#7d4e00}.skipped{background:#eaeef2;color:#424a53}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:.15em 1em;font-size:.9em}
            dl.facts dt{color:#57606a}dl.facts dd{margin:0;overflow-wrap:anywhere}
            ul.checks{font-size:.9em}pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em}
            img{max-width:100%;height:auto;border:1px solid #d0d7de;margin:.4em 0}
            """;

    private RunsPage() {
    }

    /** The page for the runs, with the charts that belong to them (each referenced as {@code index-files/NAME}). */
    public static String html(List<RunRecord> runs, List<ChartImage> charts) {
        Html h = new Html();
        Set<String> modules = runs.stream().map(RunRecord::module).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String title = "microTVM runs" + (modules.isEmpty() ? "" : " of " + String.join(", ", modules));
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .raw("<title>").text(title).raw("</title>\n<style>\n").raw(STYLE).raw("</style>\n</head>\n<body>\n");
        h.raw("<h1>").text(title).raw("</h1>\n");
        h.raw("<p class=\"totals\">").text(totals(runs)).raw("</p>\n");
        if (runs.isEmpty()) {
            h.raw("<p>No run reports (microtvm-*.json) in this directory.</p>\n");
        } else {
            h.raw("<div class=\"wide\">\n");
            table(h, runs, modules.size() <= 1);
            h.raw("</div>\n");
        }
        charts.stream().filter(c -> c.kind() == Kind.FOOTPRINT).forEach(c -> {
            h.raw("<h2>Footprint</h2>\n");
            image(h, c);
        });
        for (int i = 0; i < runs.size(); i++) {
            details(h, runs.get(i), i, charts);
        }
        h.raw("</body>\n</html>\n");
        return h.toString();
    }

    /** {@code 3 runs: 2 passed, 1 failed, 0 errors, 0 skipped}. */
    static String totals(List<RunRecord> runs) {
        Map<RunRecord.Status, Long> by = runs.stream().collect(Collectors.groupingBy(RunRecord::status,
                Collectors.counting()));
        Function<RunRecord.Status, Long> n = s -> by.getOrDefault(s, 0L);
        return runs.size() + (runs.size() == 1 ? " run: " : " runs: ") + n.apply(RunRecord.Status.PASSED) + " passed, "
                + n.apply(RunRecord.Status.FAILED) + " failed, " + n.apply(RunRecord.Status.ERROR) + " errors, "
                + n.apply(RunRecord.Status.SKIPPED) + " skipped";
    }

    /** @param oneModule whether the runs are of one module (named in the title): a run is then named by its execution */
    private static void table(Html h, List<RunRecord> runs, boolean oneModule) {
        h.raw("<table class=\"runs\">\n<thead><tr>");
        for (String column : List.of("Run", "Model", "Platform / board", "Status", "Device time median (min – max)",
                "Host round trip median (min – max)", "Footprint", "Max abs error", "RMSE", "Top-1 agrees",
                "Cosine similarity")) {
            h.raw("<th>").text(column).raw("</th>");
        }
        h.raw("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            h.raw("<tr>");
            String name = oneModule && r.execution() != null ? r.execution() : r.suite();
            h.raw("<td class=\"run\"><a href=\"#").text(anchor(i)).raw("\" title=\"").text(r.suite()).raw("\">")
                    .text(name).raw("</a></td>");
            if (r.modelName() != null && r.modelName().matches("[0-9a-f]{64}")) {
                // a SHA-256 model id (what a device reports when the report names no model file): its head
                h.raw("<td><span title=\"").text(r.modelName()).raw("\">").text(r.modelName().substring(0, 12) + "…")
                        .raw("</span></td>");
            } else {
                cell(h, r.modelName(), false);
            }
            h.raw("<td class=\"target\">").text(r.target() == null ? "–" : r.target()).raw("</td>");
            h.raw("<td><span class=\"status ").text(r.status().word()).raw("\">").text(r.status().word())
                    .raw("</span></td>");
            spreadCell(h, r.deviceSeconds(), r.deviceUnit()::format);
            spreadCell(h, r.hostSeconds(), Quantities::seconds);
            footprintCell(h, r.footprint());
            cell(h, number(r.worstMaxAbsError()), true);
            cell(h, number(r.worstRmse()), true);
            cell(h, r.top1Agrees() == null ? null : r.top1Agrees() ? "yes" : "no", false);
            cell(h, number(r.worstCosineSimilarity()), true);
            h.raw("</tr>\n");
        }
        h.raw("</tbody>\n</table>\n");
    }

    private static void details(Html h, RunRecord r, int index, List<ChartImage> charts) {
        h.raw("<h2 id=\"").text(anchor(index)).raw("\">").text(r.suite()).raw(" <span class=\"status ")
                .text(r.status().word()).raw("\">").text(r.status().word()).raw("</span></h2>\n");
        h.raw("<dl class=\"facts\">\n");
        fact(h, "module", r.module());
        fact(h, "execution", r.execution());
        // to the second: a person reads when, the CSV keeps the report's full precision
        fact(h, "started", r.timestamp() == null ? null : r.timestamp().replaceFirst("(T\\d\\d:\\d\\d:\\d\\d)\\.\\d+Z$", "$1Z"));
        fact(h, "host", r.hostname());
        fact(h, "platform / board", r.target());
        fact(h, "model", r.modelFile());
        fact(h, "model SHA-256", r.modelSha256());
        fact(h, "model id", r.modelId());
        fact(h, "protocol", r.protocol());
        fact(h, "fill mode", r.fillMode() == null ? null : r.fillMode() + (r.seed() == null ? "" : ", seed " + r.seed()));
        fact(h, "repeats", r.runs() == null ? null : r.runs().toString());
        fact(h, "device timer", r.deviceTimer());
        fact(h, "device time", spread(r.deviceSeconds(), r.deviceUnit()::format));
        fact(h, "host round trip", spread(r.hostSeconds(), Quantities::seconds));
        RunRecord.Footprint f = r.footprint();
        if (f != null) {
            fact(h, "flash", f.flashBytes() == null ? null : capacity(f.flashBytes(), f.flashCapacityBytes()));
            fact(h, "RAM", f.ramBytes() == null ? null : capacity(f.ramBytes(), f.ramCapacityBytes()));
        }
        fact(h, "skipped because", r.skipReason());
        fact(h, "report", r.file());
        h.raw("</dl>\n");
        if (r.error() != null) {
            h.raw("<p><strong>Error</strong> ").text(r.error().type() == null ? "" : r.error().type()).raw("</p>\n<pre>")
                    .text(r.error().message() == null ? "" : r.error().message()).raw("</pre>\n");
        }
        if (!r.checks().isEmpty() || !r.gates().isEmpty()) {
            h.raw("<ul class=\"checks\">\n");
            for (Check c : r.checks()) {
                h.raw("<li><span class=\"status ").text(c.passed() ? "passed" : "failed").raw("\">")
                        .text(c.passed() ? "passed" : "failed").raw("</span> ")
                        .text(c.message() != null ? c.message() : String.valueOf(c.output())).raw("</li>\n");
            }
            for (Gate g : r.gates()) {
                h.raw("<li><span class=\"status ").text(g.passed() ? "passed" : "failed").raw("\">")
                        .text(g.passed() ? "passed" : "failed").raw("</span> ")
                        .text(g.message() != null ? g.message() : String.valueOf(g.name())).raw("</li>\n");
            }
            h.raw("</ul>\n");
        }
        charts.stream().filter(c -> r.file().equals(c.runFile())).forEach(c -> image(h, c));
    }

    private static void image(Html h, ChartImage c) {
        h.raw("<p><img src=\"").text(FILES_DIR + "/" + c.fileName()).raw("\" alt=\"").text(c.description())
                .raw("\" width=\"" + c.width() + "\" height=\"" + c.height() + "\"/></p>\n");
    }

    private static void fact(Html h, String name, String value) {
        if (value != null) {
            h.raw("<dt>").text(name).raw("</dt><dd>").text(value).raw("</dd>\n");
        }
    }

    private static void cell(Html h, String value, boolean numeric) {
        h.raw(numeric ? "<td class=\"num\">" : "<td>").text(value == null ? "–" : value).raw("</td>");
    }

    /** Flash above RAM, each against its capacity. */
    private static void footprintCell(Html h, RunRecord.Footprint f) {
        String flash = f == null || f.flashBytes() == null ? null : "flash " + capacity(f.flashBytes(), f.flashCapacityBytes());
        String ram = f == null || f.ramBytes() == null ? null : "RAM " + capacity(f.ramBytes(), f.ramCapacityBytes());
        if (flash == null || ram == null) {
            cell(h, flash != null ? flash : ram, true);
            return;
        }
        h.raw("<td class=\"num\">").text(flash).raw(" <br/>").text(ram).raw("</td>");
    }

    /** The median, and below it, smaller, the range: {@code 2.00 ms (1.00 ms – 3.00 ms)} as text. */
    private static void spreadCell(Html h, RunRecord.Spread s, Function<Double, String> format) {
        if (s.median() == null) {
            cell(h, null, true);
            return;
        }
        h.raw("<td class=\"num\">").text(format.apply(s.median())).raw(" <br/><small>(").text(format.apply(s.min()))
                .text(" – ").text(format.apply(s.max())).raw(")</small></td>");
    }

    private static String spread(RunRecord.Spread s, Function<Double, String> format) {
        if (s.median() == null) {
            return null;
        }
        return format.apply(s.median()) + " (" + format.apply(s.min()) + " – " + format.apply(s.max()) + ")";
    }

    private static String capacity(long bytes, Long capacity) {
        String used = Quantities.bytes(bytes);
        return capacity == null || capacity <= 0 ? used
                : used + " of " + Quantities.bytes(capacity.longValue()) + " (" + Quantities.percent(bytes, capacity) + ")";
    }

    /** An error metric: up to 4 significant digits, plain. */
    private static String number(Double v) {
        if (v == null) {
            return null;
        }
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : v.toString();
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String anchor(int index) {
        return "run-" + (index + 1);
    }

    /** Markup built by appending: raw markup, or text escaped for element content and quoted attributes. */
    private static final class Html {
        private final StringBuilder out = new StringBuilder();

        Html raw(String markup) {
            out.append(markup);
            return this;
        }

        Html text(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> {
                        // controls other than tab and line ends are not allowed in HTML or XML text
                        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                            out.append('\uFFFD');
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
