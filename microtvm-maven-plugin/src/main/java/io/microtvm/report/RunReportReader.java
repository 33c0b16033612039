package io.microtvm.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.report.RunRecord.Check;
import io.microtvm.report.RunRecord.Failure;
import io.microtvm.report.RunRecord.Footprint;
import io.microtvm.report.RunRecord.Gate;
import io.microtvm.report.RunRecord.Spread;
import io.microtvm.report.RunRecord.Status;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the JSON run reports ({@code microtvm-*.json}) of a reports directory into {@link RunRecord}s.
 * It is lenient the way a page generator must be: a key that is missing or of another type is an
 * unknown fact (null), so older reports and reports with new keys read fine; a file that is no JSON,
 * or JSON that is no run report, is skipped with a warning and never stops the build.
 */
public final class RunReportReader {
    /** The names of the JSON run reports in a reports directory. */
    public static final String GLOB = "microtvm-*.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReportReader() {
    }

    /** A file that is not a run report, and why. */
    public static final class NotARunReportException extends MicroTvmException {
        private static final long serialVersionUID = 1L;

        NotARunReportException(String message) {
            // whoever wrote the file, not this build's configuration: the page skips it with a warning
            super(Fault.ENVIRONMENT, message);
        }
    }

    /**
     * Every run report in {@code dir}, ordered by suite (then file name) so the page and the CSV keep
     * their row order from build to build; none when the directory does not exist.
     */
    public static List<RunRecord> readAll(Path dir, BuildLog log) throws IOException {
        List<RunRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, GLOB)) {
            found.forEach(files::add);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                // removed between listing and reading (a run starting in a parallel build): not a run any more
                continue;
            }
            try {
                records.add(parse(file.getFileName().toString(), content));
            } catch (NotARunReportException e) {
                log.warn("Skipping " + file + " in the run summary: " + e.getMessage());
            }
        }
        records.sort(Comparator.comparing(RunRecord::suite).thenComparing(RunRecord::file));
        return records;
    }

    /**
     * The run a report tells; {@link NotARunReportException} for a file that is no JSON run report,
     * the root for one that cannot be read.
     */
    public static RunRecord read(Path file) throws MicroTvmException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MicroTvmException(Fault.ENVIRONMENT, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.getFileName().toString(), content);
    }

    private static RunRecord parse(String fileName, byte[] content) throws NotARunReportException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            // Jackson reports malformed JSON as a JsonProcessingException, an IOException of bytes in memory
            throw new NotARunReportException("not JSON (" + (e instanceof JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new NotARunReportException("expected a JSON object, found " + (root == null ? "nothing"
                    : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return record(fileName, root);
    }

    static RunRecord record(String fileName, JsonNode root) throws NotARunReportException {
        Status status = Status.ofWord(text(root, "status"));
        if (status == null && root.path("passed").isBoolean()) {
            status = root.get("passed").asBoolean() ? Status.PASSED : Status.FAILED; // a report before schema 2
        }
        if (status == null) {
            throw new NotARunReportException("no run status (expected \"status\": passed, failed, error or skipped,"
                    + " or \"passed\": true/false)");
        }
        String suite = firstNonNull(text(root, "suite"), text(root, "project"), stem(fileName));
        JsonNode model = root.path("model");
        String modelFile = text(model, "file");
        String modelId = text(root, "modelId");
        JsonNode timing = root.path("timing");
        String timer = text(timing, "deviceTimer");
        String counts = text(timing, "deviceCounts");
        DeviceTimeUnit unit = counts != null ? DeviceTimeUnit.ofJson(counts) : DeviceTimeUnit.ofTimer(timer);
        JsonNode footprintJson = root.path("footprint");
        Footprint footprint = footprintJson.isObject() ? new Footprint(whole(footprintJson, "flash_bytes"),
                whole(footprintJson, "flash_capacity_bytes"), whole(footprintJson, "ram_bytes"),
                whole(footprintJson, "ram_capacity_bytes")) : null;
        JsonNode error = root.path("error");
        return new RunRecord(fileName, suite, text(root, "module"), text(root, "execution"), text(root, "project"),
                status, text(root, "timestamp"), text(root, "hostname"), text(root, "platform"),
                firstNonNull(text(root, "board"), text(footprintJson, "board")),
                modelFile != null ? fileName(modelFile) : modelId, modelFile, text(model, "sha256"), modelId,
                text(root, "protocol"), text(root, "fillMode"), whole(root, "seed"),
                whole(timing, "runs") == null ? null : whole(timing, "runs").intValue(), timer, unit,
                spread(timing.path("deviceSeconds")), spread(timing.path("hostRoundTripSeconds")),
                numbers(timing.path("deviceSecondsPerRun")), numbers(timing.path("hostSecondsPerRun")),
                footprint, checks(root.path("checks"), root.path("repeatChecks")), gates(root.path("gates")),
                error.isObject() ? new Failure(text(error, "type"), text(error, "message")) : null,
                text(root, "skipReason"));
    }

    /**
     * The output checks, then the comparisons of the repeats (which have a message and a verdict, no
     * error metrics), so the page lists both.
     */
    private static List<Check> checks(JsonNode array, JsonNode repeats) {
        List<Check> checks = new ArrayList<>();
        for (JsonNode c : array.isArray() ? array : JSON.createArrayNode()) {
            if (c.isObject()) {
                checks.add(new Check(text(c, "output"), c.path("passed").asBoolean(false), text(c, "message"),
                        number(c, "maxAbsError"), number(c, "rmse"), bool(c, "top1Agrees"),
                        number(c, "cosineSimilarity"), numbers(c.path("absErrorPerElement")),
                        c.path("truncated").asBoolean(false)));
            }
        }
        for (JsonNode c : repeats.isArray() ? repeats : JSON.createArrayNode()) {
            if (c.isObject()) {
                List<String> outputs = new ArrayList<>();
                c.path("outputs").forEach(o -> outputs.add(o.asText()));
                checks.add(new Check(String.join(", ", outputs), c.path("passed").asBoolean(false), text(c, "message"),
                        null, null, null, null, List.of(), false));
            }
        }
        return checks;
    }

    private static List<Gate> gates(JsonNode array) {
        List<Gate> gates = new ArrayList<>();
        for (JsonNode g : array.isArray() ? array : JSON.createArrayNode()) {
            if (g.isObject()) {
                gates.add(new Gate(text(g, "name"), g.path("passed").asBoolean(false), number(g, "measured"),
                        number(g, "limit"), text(g, "unit"), text(g, "message")));
            }
        }
        return gates;
    }

    private static Spread spread(JsonNode n) {
        return n.isObject() ? new Spread(number(n, "min"), number(n, "median"), number(n, "max")) : Spread.NONE;
    }

    /** The array's entries, null where an entry is no number (a repeat without a measurement). */
    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> values.add(v.isNumber() ? v.asDouble() : null));
        }
        return values;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isTextual() ? v.asText() : null;
    }

    private static Double number(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isNumber() ? v.asDouble() : null;
    }

    private static Long whole(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : null;
    }

    private static Boolean bool(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isBoolean() ? v.asBoolean() : null;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** {@code microtvm-X.json} -> {@code X}. */
    private static String stem(String fileName) {
        String s = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return s.startsWith("microtvm-") ? s.substring("microtvm-".length()) : s;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
