package io.microtvm.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.AtomicFiles;
import io.microtvm.npz.NdArray;
import io.microtvm.report.DeviceTimeUnit;
import io.microtvm.report.Quantities;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The reports of one run, on every path (passed, failed, error, skipped): a JUnit XML report in
 * Surefire's format ({@code TEST-<suite>.xml}: one testcase per repeat, per output check, per
 * comparison of the repeats and per gate, an {@code <error>} testcase when the run could not complete), so CI servers show on-device
 * runs like tests, and the JSON report ({@code microtvm-<suite>.json}, schema version 2) that
 * {@code microtvm:verify}, the baseline gate and the HTML page read. Both are written atomically.
 */
public final class RunReports {
    public static final int SCHEMA_VERSION = 2;
    static final String JSON_PREFIX = "microtvm-";
    static final String JSON_SUFFIX = ".json";

    private RunReports() {
    }

    /** The JSON report of {@code identity} in {@code reportsDir} (whether written yet or not). */
    public static Path jsonReport(Path reportsDir, RunIdentity identity) {
        return identity.json(reportsDir);
    }

    /** Whether {@code file} is named like a JSON run report. */
    public static boolean isJsonReport(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(JSON_PREFIX) && name.endsWith(JSON_SUFFIX);
    }

    /**
     * Removes the reports {@code identity} is about to write, so that a run that dies before writing
     * new ones leaves none rather than the last build's.
     */
    public static void deleteStale(Path reportsDir, RunIdentity identity) throws IOException {
        Files.deleteIfExists(identity.junitXml(reportsDir));
        Files.deleteIfExists(identity.json(reportsDir));
    }

    /** Writes both reports of {@code outcome}; returns the JUnit XML's path. */
    public static Path write(Path reportsDir, RunOutcome outcome) throws IOException {
        Files.createDirectories(reportsDir);
        Path xml = outcome.identity().junitXml(reportsDir);
        writeAtomically(xml, junitXml(outcome));
        writeAtomically(outcome.identity().json(reportsDir), json(outcome));
        return xml;
    }

    // ---- JUnit XML (Surefire's surefire-test-report-3.0.xsd) ----

    static String junitXml(RunOutcome o) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            List<Case> cases = cases(o);
            w.writeStartElement("testsuite");
            w.writeAttribute("name", o.identity().suite());
            w.writeAttribute("time", seconds(o.result() == null ? 0 : o.result().runs().stream()
                    .mapToDouble(RunResult.Timing::hostSeconds).sum()));
            w.writeAttribute("tests", Integer.toString(cases.size()));
            w.writeAttribute("errors", Long.toString(cases.stream().filter(c -> c.kind == Kind.ERROR).count()));
            w.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> c.kind == Kind.SKIPPED).count()));
            w.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.kind == Kind.FAILURE).count()));
            w.writeCharacters("\n  ");
            w.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties(o).entrySet()) {
                w.writeCharacters("\n    ");
                w.writeEmptyElement("property");
                w.writeAttribute("name", p.getKey());
                w.writeAttribute("value", p.getValue());
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            for (Case c : cases) {
                c.write(w, o.identity().suite());
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    private enum Kind { PASSED, FAILURE, ERROR, SKIPPED }

    /** One testcase: its name, time, and how it ended. */
    private record Case(String name, double time, Kind kind, String type, String message, String systemOut) {
        void write(XMLStreamWriter w, String classname) throws XMLStreamException {
            w.writeCharacters("  ");
            w.writeStartElement("testcase");
            w.writeAttribute("name", name);
            w.writeAttribute("classname", classname);
            w.writeAttribute("time", seconds(time));
            String element = switch (kind) {
                case FAILURE -> "failure";
                case ERROR -> "error";
                case SKIPPED -> "skipped";
                case PASSED -> null;
            };
            if (element != null) {
                w.writeStartElement(element);
                w.writeAttribute("message", message);
                if (type != null) {
                    w.writeAttribute("type", type);
                }
                w.writeCharacters(message);
                w.writeEndElement();
            }
            if (systemOut != null) {
                w.writeStartElement("system-out");
                w.writeCharacters(systemOut);
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeCharacters("\n");
        }
    }

    /** Testcases named after the model and the board, so that suites of several boards or models read apart. */
    private static List<Case> cases(RunOutcome o) {
        String subject = o.facts().modelName() + " on " + o.facts().target();
        List<Case> cases = new java.util.ArrayList<>();
        if (o.status() == RunStatus.SKIPPED) {
            cases.add(new Case(subject, 0, Kind.SKIPPED, null, "skipped (" + o.skipReason() + ")", null));
            return cases;
        }
        RunResult r = o.result();
        if (r != null) {
            String summary = summaryText(r);
            for (int i = 0; i < r.runs().size(); i++) {
                RunResult.Timing t = r.runs().get(i);
                // the device's own time where it measured one; the host round trip is a property
                double time = Double.isNaN(t.deviceSeconds()) ? t.hostSeconds() : t.deviceSeconds();
                cases.add(new Case(subject + ": run " + (i + 1), time, Kind.PASSED, null, null, i == 0 ? summary : null));
            }
            for (OutputCheck c : r.checks()) {
                cases.add(new Case(subject + ": " + c.name() + " matches expected", 0,
                        c.passed() ? Kind.PASSED : Kind.FAILURE, "OutputMismatch", c.message(), null));
            }
            for (RepeatCheck c : r.repeatChecks()) {
                cases.add(new Case(subject + ": " + c.testName(), 0, c.passed() ? Kind.PASSED : Kind.FAILURE,
                        "NondeterministicOutput", c.message(), null));
            }
        }
        for (GateResult g : o.gates()) {
            cases.add(new Case(subject + ": " + g.name(), 0, g.passed() ? Kind.PASSED : Kind.FAILURE, "GateExceeded",
                    g.message(), null));
        }
        if (o.status() == RunStatus.ERROR) {
            cases.add(new Case(subject, 0, Kind.ERROR, o.error().type(), o.error().message(), null));
        }
        return cases;
    }

    /** The suite's properties: the facts a reader of the XML alone needs. Unknown facts are left out. */
    static Map<String, String> properties(RunOutcome o) {
        Map<String, String> p = new LinkedHashMap<>();
        RunFacts f = o.facts();
        put(p, "microtvm.module", o.identity().module());
        put(p, "microtvm.execution", o.identity().executionId());
        put(p, "microtvm.status", o.status().jsonName());
        put(p, "microtvm.timestamp", f.timestamp() == null ? null : f.timestamp().toString());
        put(p, "microtvm.hostname", f.hostname());
        put(p, "microtvm.project", f.project());
        put(p, "microtvm.platform", f.platform());
        put(p, "microtvm.board", f.board());
        put(p, "microtvm.model.file", f.modelFile());
        put(p, "microtvm.model.sha256", f.modelSha256());
        put(p, "microtvm.protocol", f.protocol());
        put(p, "microtvm.fillMode", f.fillMode());
        put(p, "microtvm.seed", seedOf(o) == null ? null : seedOf(o).toString());
        RunResult r = o.result();
        if (r != null) {
            put(p, "microtvm.modelId", r.modelId());
            put(p, "microtvm.timer", r.timerName());
            put(p, "microtvm.deviceCounts", r.deviceCounts().jsonName());
            Statistics device = r.deviceStatistics();
            if (!Double.isNaN(device.median())) {
                put(p, "microtvm.deviceSeconds.min", number(device.min()));
                put(p, "microtvm.deviceSeconds.median", number(device.median()));
                put(p, "microtvm.deviceSeconds.max", number(device.max()));
            }
            Statistics host = r.hostStatistics();
            put(p, "microtvm.hostRoundTripSeconds.median", number(host.median()));
            for (int i = 0; i < r.runs().size(); i++) {
                RunResult.Timing t = r.runs().get(i);
                put(p, "microtvm.run." + (i + 1) + ".hostSeconds", number(t.hostSeconds()));
                if (!Double.isNaN(t.deviceSeconds())) {
                    put(p, "microtvm.run." + (i + 1) + ".deviceSeconds", number(t.deviceSeconds()));
                }
            }
        }
        if (o.footprint() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.footprint().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    put(p, "microtvm.footprint." + e.getKey(), e.getValue().asText());
                }
            }
        }
        return p;
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    /** The seed when the random fill made some input; null when the inputs file covered them all. */
    private static Long seedOf(RunOutcome o) {
        RunFacts f = o.facts();
        if (f.seed() == null || !"random".equals(f.fillMode())) {
            return null;
        }
        if (o.result() != null && o.result().filledInputs().isEmpty()) {
            return null;
        }
        return f.seed();
    }

    /**
     * One line: the model, the runs, device time and host round trip as median with min and max, in
     * the unit that fits (emulated instructions when the device timer counts them).
     */
    public static String summaryText(RunResult r) {
        return String.format(Locale.ROOT, "model %s, %d run(s); device time (%s) %s; host round trip %s",
                r.modelId(), r.runs().size(), r.timerName(),
                spread(r.deviceStatistics(), DeviceTimeUnit.ofTimer(r.timerName())),
                spread(r.hostStatistics(), DeviceTimeUnit.SECONDS));
    }

    /** {@code median 2.00 ms (min 1.00 ms, max 3.00 ms)}, or {@code not measured}. */
    static String spread(Statistics s, DeviceTimeUnit unit) {
        if (Double.isNaN(s.median())) {
            return Quantities.NOT_MEASURED;
        }
        return "median " + unit.format(s.median()) + " (min " + unit.format(s.min()) + ", max " + unit.format(s.max())
                + ")";
    }

    // ---- JSON (schema version 2) ----

    static String json(RunOutcome o) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        RunFacts f = o.facts();
        RunResult r = o.result();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("suite", o.identity().suite());
        root.put("module", o.identity().module());
        root.put("execution", o.identity().executionId());
        root.put("project", f.project());
        root.put("status", o.status().jsonName());
        root.put("passed", o.status() == RunStatus.PASSED);
        root.put("timestamp", f.timestamp() == null ? null : f.timestamp().toString());
        root.put("hostname", f.hostname());
        root.put("platform", f.platform());
        root.put("board", f.board());
        if (f.modelFile() == null && f.modelSha256() == null) {
            root.putNull("model");
        } else {
            root.putObject("model").put("file", f.modelFile()).put("sha256", f.modelSha256());
        }
        root.put("modelId", r == null ? null : r.modelId());
        root.put("protocol", f.protocol());
        root.put("fillMode", f.fillMode());
        root.put("seed", seedOf(o));
        if (o.skipReason() != null) {
            root.put("skipReason", o.skipReason());
        }
        if (r == null) {
            root.putNull("inputs");
            root.putNull("outputs");
            root.putNull("timing");
        } else {
            ArrayNode inputs = root.putArray("inputs");
            for (TensorSpec t : r.inputs()) {
                ObjectNode n = inputs.addObject().put("name", t.name()).put("dtype", t.dtype().numpyName());
                Arrays.stream(t.shape()).forEach(n.putArray("shape")::add);
            }
            ArrayNode outputs = root.putArray("outputs");
            for (Map.Entry<String, NdArray> e : r.outputs().entrySet()) {
                ObjectNode n = outputs.addObject().put("name", e.getKey())
                        .put("dtype", e.getValue().dtype().numpyName());
                Arrays.stream(e.getValue().shape()).forEach(n.putArray("shape")::add);
                OutputShapes.Source source = r.shapeSources().get(e.getKey());
                n.put("shapeSource", source == null ? null : source.jsonName());
            }
            ObjectNode timing = root.putObject("timing");
            timing.put("runs", r.runs().size());
            timing.put("deviceTimer", r.timerName());
            timing.put("deviceCounts", r.deviceCounts().jsonName());
            statistics(timing.putObject("deviceSeconds"), r.deviceStatistics());
            statistics(timing.putObject("hostRoundTripSeconds"), r.hostStatistics());
            ArrayNode device = timing.putArray("deviceSecondsPerRun");
            ArrayNode host = timing.putArray("hostSecondsPerRun");
            for (RunResult.Timing t : r.runs()) {
                putNumber(device, t.deviceSeconds());
                putNumber(host, t.hostSeconds());
            }
        }
        root.set("footprint", o.footprint());
        ArrayNode checks = root.putArray("checks");
        for (OutputCheck c : r == null ? List.<OutputCheck>of() : r.checks()) {
            check(checks.addObject(), c);
        }
        ArrayNode repeats = root.putArray("repeatChecks");
        for (RepeatCheck c : r == null ? List.<RepeatCheck>of() : r.repeatChecks()) {
            repeatCheck(repeats.addObject(), c);
        }
        ArrayNode gates = root.putArray("gates");
        for (GateResult g : o.gates()) {
            ObjectNode n = gates.addObject().put("name", g.name()).put("passed", g.passed());
            putNumber(n, "measured", g.measured());
            putNumber(n, "limit", g.limit());
            if (!Double.isNaN(g.baseline())) {
                n.put("baseline", g.baseline());
            }
            n.put("unit", g.unit()).put("message", g.message());
        }
        if (o.error() == null) {
            root.putNull("error");
        } else {
            root.putObject("error").put("type", o.error().type()).put("message", o.error().message());
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private static void check(ObjectNode n, OutputCheck c) {
        n.put("output", c.name()).put("passed", c.passed()).put("message", c.message());
        if (!Double.isNaN(c.maxAbsError())) {
            n.put("maxAbsError", c.maxAbsError()).put("rmse", c.rmse());
        }
        if (c.top1() != null) {
            n.put("top1Agrees", c.top1());
        }
        putNumber(n, "cosineSimilarity", c.cosineSimilarity());
        if (c.worstIndex() != null) {
            ArrayNode index = n.putArray("worstIndex");
            Arrays.stream(c.worstIndex()).forEach(index::add);
            putNumber(n, "worstActual", c.worstActual());
            putNumber(n, "worstExpected", c.worstExpected());
        }
        if (c.absErrors() != null) {
            ArrayNode errors = n.putArray("absErrorPerElement");
            Arrays.stream(c.absErrors()).forEach(v -> putNumber(errors, v));
            if (c.errorsTruncated()) {
                n.put("truncated", true);
            }
        }
    }

    private static void repeatCheck(ObjectNode n, RepeatCheck c) {
        c.outputs().forEach(n.putArray("outputs")::add);
        n.put("method", c.method().jsonName()).put("passed", c.passed()).put("message", c.message());
        c.comparedRuns().forEach(n.putArray("comparedRuns")::add);
        c.differingRuns().forEach(n.putArray("differingRuns")::add);
        n.put("firstDigest", OutputDigest.format(c.firstDigest()));
        n.put("differingDigest", c.differingDigest() == null ? null : OutputDigest.format(c.differingDigest()));
    }

    /** JSON has no NaN or infinity: such a value is written as null. */
    private static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void putNumber(ArrayNode a, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            a.addNull();
        } else {
            a.add(value);
        }
    }

    private static void statistics(ObjectNode n, Statistics s) {
        if (Double.isNaN(s.median())) {
            n.putNull("min").putNull("median").putNull("max"); // not measured; NaN is not JSON
            return;
        }
        n.put("min", s.min()).put("median", s.median()).put("max", s.max());
    }

    /** Seconds as Surefire writes them: at most three decimals, as its schema requires. */
    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    /** A full-precision number for a property. */
    private static String number(double v) {
        return Double.toString(v);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        AtomicFiles.writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
