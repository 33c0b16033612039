package io.microtvm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as a table for people and as JSON for tools. */
final class ResultReport {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final List<Comparison> comparisons;
    private final Map<String, String> environment;

    /** @param environment what the numbers depend on (interpreter, CPUs, JVM), in print order */
    ResultReport(List<Comparison> comparisons, Map<String, String> environment) {
        this.comparisons = List.copyOf(comparisons);
        this.environment = environment;
    }

    void printTable(PrintStream out) {
        out.println();
        out.println("microTVM Project API benchmark (ms rows: times in ms; MiB/s rows: payload throughput;"
                + " ratio = how many times slower than the baseline, by medians)");
        environment.forEach((key, value) -> out.println("  " + key + ": " + value));
        out.println();
        // the names of the run rows are longer than those of the first rows
        int nameWidth = Math.max(24, comparisons.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        String header = "%-" + nameWidth + "s %5s %6s %10s %10s %10s %10s %8s  %s";
        String row = "%-" + nameWidth + "s %5d %6s %10s %10s %10s %10s %8s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, header,
                "name", "n", "unit", "median", "min", "max", "base med", "ratio", "baseline"));
        for (Comparison c : comparisons) {
            Timing m = c.measured();
            lines.add(String.format(Locale.ROOT, row, c.name(), m.runs(), unit(c), figure(median(c, m)),
                    figure(lowest(c, m)), figure(highest(c, m)), figure(median(c, c.baseline())), ratio(c),
                    c.baselineName()));
        }
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        out.println(lines.get(0));
        out.println("-".repeat(width));
        lines.subList(1, lines.size()).forEach(out::println);
        out.println();
        out.println("What one run does:");
        for (Comparison c : comparisons) {
            out.println("  " + c.name() + ": " + c.description());
            Timing b = c.baseline();
            out.println(String.format(Locale.ROOT, "    vs %s (n %d, min %s, max %s %s): %s",
                    c.baselineName(), b.runs(), figure(lowest(c, b)), figure(highest(c, b)), unit(c),
                    c.baselineDescription()));
        }
        out.println();
    }

    private static String unit(Comparison c) {
        return c.isThroughput() ? "MiB/s" : "ms";
    }

    // In a throughput row the slowest run has the lowest rate, so min and max swap.
    private static double median(Comparison c, Timing t) {
        return c.isThroughput() ? c.mibPerSecond(t.medianMs()) : t.medianMs();
    }

    private static double lowest(Comparison c, Timing t) {
        return c.isThroughput() ? c.mibPerSecond(t.maxMs()) : t.minMs();
    }

    private static double highest(Comparison c, Timing t) {
        return c.isThroughput() ? c.mibPerSecond(t.minMs()) : t.maxMs();
    }

    /** Three decimals, or three significant digits below 0.1, where a device's microseconds end up. */
    private static String figure(double value) {
        return String.format(Locale.ROOT, value < 0.1 ? "%.3g" : "%.3f", value);
    }

    /** Two decimals; whole numbers from 100 up, where the device-time rows land; three digits below 0.1 (a path far
     * faster than its baseline, as host files against QEMU's UART). */
    private static String ratio(Comparison c) {
        double r = c.ratio();
        return String.format(Locale.ROOT, r < 0.1 ? "%.3gx" : r < 100 ? "%.2fx" : "%.0fx", r);
    }

    void writeJson(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", Instant.now().toString());
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ArrayNode results = root.putArray("results");
        for (Comparison c : comparisons) {
            ObjectNode row = results.addObject();
            row.put("name", c.name());
            row.put("description", c.description());
            row.put("unit", unit(c));
            if (c.isThroughput()) {
                row.put("payload_bytes_per_run", c.payloadBytesPerRun());
            }
            putTiming(row, c, c.measured());
            ObjectNode baseline = row.putObject("baseline");
            baseline.put("name", c.baselineName());
            baseline.put("description", c.baselineDescription());
            putTiming(baseline, c, c.baseline());
            row.put("ratio", c.ratio());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    /** Times for every row; a throughput row adds its rates, so readers of the times need no change. */
    private static void putTiming(ObjectNode node, Comparison c, Timing t) {
        node.put("n", t.runs());
        node.put("median_ms", t.medianMs());
        node.put("min_ms", t.minMs());
        node.put("max_ms", t.maxMs());
        if (c.isThroughput()) {
            node.put("median_mib_per_s", median(c, t));
            node.put("min_mib_per_s", lowest(c, t));
            node.put("max_mib_per_s", highest(c, t));
        }
    }
}
