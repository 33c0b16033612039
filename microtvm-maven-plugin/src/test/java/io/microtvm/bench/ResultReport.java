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
        out.println("microTVM Project API benchmark (times in ms; ratio = median / baseline median)");
        environment.forEach((key, value) -> out.println("  " + key + ": " + value));
        out.println();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-24s %5s %10s %10s %10s %10s %8s  %s",
                "name", "n", "median", "min", "max", "base med", "ratio", "baseline"));
        for (Comparison c : comparisons) {
            Timing m = c.measured();
            lines.add(String.format(Locale.ROOT, "%-24s %5d %10.3f %10.3f %10.3f %10.3f %7.2fx  %s",
                    c.name(), m.runs(), m.medianMs(), m.minMs(), m.maxMs(), c.baseline().medianMs(), c.ratio(),
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
            out.println(String.format(Locale.ROOT, "    vs %s (n %d, min %.3f, max %.3f): %s",
                    c.baselineName(), b.runs(), b.minMs(), b.maxMs(), c.baselineDescription()));
        }
        out.println();
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
            putTiming(row, c.measured());
            ObjectNode baseline = row.putObject("baseline");
            baseline.put("name", c.baselineName());
            baseline.put("description", c.baselineDescription());
            putTiming(baseline, c.baseline());
            row.put("ratio", c.ratio());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    private static void putTiming(ObjectNode node, Timing t) {
        node.put("n", t.runs());
        node.put("median_ms", t.medianMs());
        node.put("min_ms", t.minMs());
        node.put("max_ms", t.maxMs());
    }
}
