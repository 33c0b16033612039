package io.microtvm.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run as its JSON report tells it, for {@code microtvm:verify}: who, when, how it ended, and the
 * lines that say why it did not pass. A report that cannot be read counts as an error, never as a pass.
 *
 * @param file      the JSON report
 * @param run       {@code groupId:artifactId@executionId}, or the file name when unreadable
 * @param status    how it ended
 * @param timestamp when it started; null when the report does not say
 * @param reasons   for a failed run its failed checks (outputs, repeats) and gates, for an error the exception; else empty
 */
public record ReportedRun(Path file, String run, RunStatus status, Instant timestamp, List<String> reasons) {

    /** Every {@code microtvm-*.json} in {@code reportsDir}, by file name; empty when the dir does not exist. */
    public static List<ReportedRun> readAll(Path reportsDir) throws IOException {
        if (!Files.isDirectory(reportsDir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(reportsDir)) {
            files = s.filter(RunReports::isJsonReport).filter(Files::isRegularFile).sorted().toList();
        }
        List<ReportedRun> runs = new ArrayList<>();
        for (Path f : files) {
            runs.add(read(f));
        }
        return runs;
    }

    static ReportedRun read(Path file) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return unreadable(file, "cannot be read as JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            return unreadable(file, "is not a JSON object");
        }
        RunStatus status = RunStatus.fromJsonName(json.path("status").asText(null));
        if (status == null) {
            // a report of schema version 1 says only passed: true/false
            if (!json.path("passed").isBoolean()) {
                return unreadable(file, "says neither status nor passed");
            }
            status = json.get("passed").booleanValue() ? RunStatus.PASSED : RunStatus.FAILED;
        }
        String module = json.path("module").asText(null);
        String execution = json.path("execution").asText(null);
        String run = module != null && execution != null ? module + "@" + execution
                : json.path("project").asText(file.getFileName().toString());
        List<String> reasons = new ArrayList<>();
        if (status == RunStatus.FAILED) {
            for (String list : List.of("checks", "repeatChecks", "gates")) {
                for (JsonNode n : json.path(list)) {
                    if (!n.path("passed").asBoolean(true)) {
                        reasons.add(n.path("message").asText());
                    }
                }
            }
        } else if (status == RunStatus.ERROR) {
            JsonNode error = json.path("error");
            reasons.add(error.path("type").asText("error") + ": " + error.path("message").asText(""));
        }
        return new ReportedRun(file, run, status, timestamp(json.path("timestamp").asText(null)), reasons);
    }

    private static ReportedRun unreadable(Path file, String why) {
        return new ReportedRun(file, file.getFileName().toString(), RunStatus.ERROR, null,
                List.of("the report " + file + " " + why));
    }

    private static Instant timestamp(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
