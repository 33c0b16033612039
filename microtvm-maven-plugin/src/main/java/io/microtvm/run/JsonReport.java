package io.microtvm.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.npz.NdArray;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a run ({@code microtvm-<suite>.json}, schema version {@value RunReports#SCHEMA_VERSION}):
 * everything the run learnt, for {@code verify}, the baseline gate, the page and the CSV. Facts the run
 * did not learn are null, never invented; JSON has no NaN, so an unmeasured number is null too.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String of(RunOutcome o) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        RunFacts f = o.facts();
        RunResult r = o.result();
        root.put("schemaVersion", RunReports.SCHEMA_VERSION);
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
        root.put("seed", RunReports.seedOf(o));
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
}
