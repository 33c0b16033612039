package io.microtvm.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML report of a run, in Surefire's format (surefire-test-report-3.0.xsd), so that CI
 * servers show on-device runs like tests: one testcase per repeat, per output check, per comparison of
 * the repeats and per gate, an {@code <error>} testcase when the run could not complete, a skipped one
 * when it was skipped, and the run's facts as the suite's properties ({@code microtvm.board}, ...: keys
 * of this file format).
 */
final class JunitXmlReport {
    private JunitXmlReport() {
    }

    static String of(RunOutcome o) {
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
        List<Case> cases = new ArrayList<>();
        if (o.status() == RunStatus.SKIPPED) {
            cases.add(new Case(subject, 0, Kind.SKIPPED, null, "skipped (" + o.skipReason() + ")", null));
            return cases;
        }
        RunResult r = o.result();
        if (r != null) {
            String summary = RunReports.summaryText(r);
            for (int i = 0; i < r.runs().size(); i++) {
                RunResult.Timing t = r.runs().get(i);
                // the device's own time where it measured one; the host round trip is a property
                double time = Double.isNaN(t.deviceSeconds()) ? t.hostSeconds() : t.deviceSeconds();
                cases.add(new Case(subject + ": run " + (i + 1), time, Kind.PASSED, null, null,
                        i == 0 ? summary : null));
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
        put(p, "microtvm.seed", RunReports.seedOf(o) == null ? null : RunReports.seedOf(o).toString());
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

    /** Seconds as Surefire writes them: at most three decimals, as its schema requires. */
    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    /** A full-precision number for a property. */
    private static String number(double v) {
        return Double.toString(v);
    }
}
