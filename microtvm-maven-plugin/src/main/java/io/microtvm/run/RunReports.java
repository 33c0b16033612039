package io.microtvm.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.npz.NdArray;
import io.microtvm.AtomicFiles;
import io.microtvm.report.DeviceTimeUnit;
import io.microtvm.report.Quantities;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a run as a Surefire-style JUnit XML report (one testcase per run and per output check,
 * so CI servers show on-device runs like unit tests) and a JSON summary beside it.
 */
public final class RunReports {
    private RunReports() {
    }

    /** Writes {@code TEST-microtvm-<project>.xml} and {@code microtvm-<project>.json}; returns the XML path. */
    public static Path write(Path reportsDir, RunResult result) throws IOException {
        return write(reportsDir, result, null);
    }

    /** As {@link #write(Path, RunResult)}, with the firmware's footprint report in the JSON summary (null: none). */
    public static Path write(Path reportsDir, RunResult result, ObjectNode footprint) throws IOException {
        Files.createDirectories(reportsDir);
        Path xml = reportsDir.resolve("TEST-microtvm-" + result.project() + ".xml");
        writeAtomically(xml, junitXml(result));
        writeAtomically(reportsDir.resolve("microtvm-" + result.project() + ".json"), jsonSummary(result, footprint));
        return xml;
    }

    static String junitXml(RunResult r) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            long failures = r.checks().stream().filter(c -> !c.passed()).count();
            double total = r.runs().stream().mapToDouble(RunResult.Timing::hostSeconds).sum();
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "microtvm.run." + r.project());
            w.writeAttribute("tests", Integer.toString(r.runs().size() + r.checks().size()));
            w.writeAttribute("failures", Long.toString(failures));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", "0");
            w.writeAttribute("time", seconds(total));
            w.writeCharacters("\n");
            for (int i = 0; i < r.runs().size(); i++) {
                RunResult.Timing t = r.runs().get(i);
                testcase(w, r.project(), "run-" + (i + 1), t.hostSeconds(), null);
            }
            for (OutputCheck c : r.checks()) {
                testcase(w, r.project(), c.name() + " matches expected", 0, c.passed() ? null : c.message());
            }
            w.writeStartElement("system-out");
            w.writeCharacters(summaryText(r));
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void testcase(XMLStreamWriter w, String project, String name, double seconds, String failure)
            throws XMLStreamException {
        w.writeCharacters("  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", "microtvm." + project);
        w.writeAttribute("name", name);
        w.writeAttribute("time", seconds(seconds));
        if (failure != null) {
            w.writeStartElement("failure");
            w.writeAttribute("message", failure);
            w.writeAttribute("type", "OutputMismatch");
            w.writeCharacters(failure);
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    /**
     * One line: the model, the runs, device time and host round trip as median with min and max, in
     * the unit that fits (emulated instructions when the device timer counts them).
     */
    public static String summaryText(RunResult r) {
        Statistics device = Statistics.of(r.runs().stream().mapToDouble(RunResult.Timing::deviceSeconds).toArray());
        Statistics host = Statistics.of(r.runs().stream().mapToDouble(RunResult.Timing::hostSeconds).toArray());
        return String.format(Locale.ROOT, "model %s, %d run(s); device time (%s) %s; host round trip %s",
                r.modelId(), r.runs().size(), r.timerName(), spread(device, DeviceTimeUnit.ofTimer(r.timerName())),
                spread(host, DeviceTimeUnit.SECONDS));
    }

    /** {@code median 2.00 ms (min 1.00 ms, max 3.00 ms)}, or {@code not measured}. */
    static String spread(Statistics s, DeviceTimeUnit unit) {
        if (Double.isNaN(s.median())) {
            return Quantities.NOT_MEASURED;
        }
        return "median " + unit.format(s.median()) + " (min " + unit.format(s.min()) + ", max " + unit.format(s.max())
                + ")";
    }

    static String jsonSummary(RunResult r) throws IOException {
        return jsonSummary(r, null);
    }

    static String jsonSummary(RunResult r, ObjectNode footprint) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("project", r.project());
        root.put("modelId", r.modelId());
        root.put("passed", r.allChecksPassed());
        ArrayNode inputs = root.putArray("inputs");
        for (TensorSpec t : r.inputs()) {
            ObjectNode n = inputs.addObject().put("name", t.name()).put("dtype", t.dtype().numpyName());
            Arrays.stream(t.shape()).forEach(n.putArray("shape")::add);
        }
        ArrayNode outputs = root.putArray("outputs");
        for (Map.Entry<String, NdArray> e : r.outputs().entrySet()) {
            ObjectNode n = outputs.addObject().put("name", e.getKey()).put("dtype", e.getValue().dtype().numpyName());
            Arrays.stream(e.getValue().shape()).forEach(n.putArray("shape")::add);
        }
        ObjectNode timing = root.putObject("timing");
        timing.put("runs", r.runs().size());
        timing.put("deviceTimer", r.timerName());
        statistics(timing.putObject("deviceSeconds"),
                Statistics.of(r.runs().stream().mapToDouble(RunResult.Timing::deviceSeconds).toArray()));
        statistics(timing.putObject("hostRoundTripSeconds"),
                Statistics.of(r.runs().stream().mapToDouble(RunResult.Timing::hostSeconds).toArray()));
        if (footprint != null) {
            root.set("footprint", footprint);
        }
        ArrayNode checks = root.putArray("checks");
        for (OutputCheck c : r.checks()) {
            ObjectNode n = checks.addObject().put("output", c.name()).put("passed", c.passed()).put("message", c.message());
            if (!Double.isNaN(c.maxAbsError())) {
                n.put("maxAbsError", c.maxAbsError()).put("rmse", c.rmse());
            }
            if (c.top1() != null) {
                n.put("top1Agrees", c.top1());
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private static void statistics(ObjectNode n, Statistics s) {
        if (Double.isNaN(s.median())) {
            n.putNull("min").putNull("median").putNull("max"); // not measured; NaN is not JSON
            return;
        }
        n.put("min", s.min()).put("median", s.median()).put("max", s.max());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        AtomicFiles.writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
