package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The JUnit XML report and the JSON summary of a run, read back with a real XML parser and Jackson. */
class RunReportsTest {
    static final String FAILURE = "output_1: 1 of 4 elements differ (expected exactly); worst at [2]: got 8,"
            + " expected 7; max abs error 1, RMSE 0.5, top-1 agrees (index 2)";

    @TempDir
    Path tmp;

    private static RunResult result(String modelId, List<OutputCheck> checks) {
        Map<String, NdArray> outputs = new LinkedHashMap<>();
        outputs.put("output_0", NdArray.zeros(DType.FLOAT32, 1, 10));
        outputs.put("output_1", NdArray.zeros(DType.INT32, 4));
        return new RunResult("proj", modelId, "cycle counter",
                List.of(new TensorSpec("input", DType.INT8, new long[] {1, 28, 28}, true, 784),
                        new TensorSpec("scale", DType.FLOAT32, new long[] {1}, false, 4)),
                outputs,
                List.of(new RunResult.Timing(0.002, 0.005), new RunResult.Timing(0.001, 0.004),
                        new RunResult.Timing(0.003, 0.009)),
                checks);
    }

    private static List<OutputCheck> onePassingOneFailing() {
        return List.of(
                new OutputCheck("output_0", true, "output_0: all 10 elements match", 0.0, 0.0, true),
                new OutputCheck("output_1", false, FAILURE, 1.0, 0.5, true));
    }

    private static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setCoalescing(false);
        return f.newDocumentBuilder().parse(xml.toFile());
    }

    private static List<Element> testcases(Document doc) {
        NodeList nodes = doc.getElementsByTagName("testcase");
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheXmlAndJsonNamedAfterTheProject() throws Exception {
        Path reports = tmp.resolve("target/microtvm-reports");

        Path xml = RunReports.write(reports, result("abc123", onePassingOneFailing()));

        assertThat(xml).isEqualTo(reports.resolve("TEST-microtvm-proj.xml"));
        assertThat(filesIn(reports)).containsExactly("TEST-microtvm-proj.xml", "microtvm-proj.json");
    }

    @Test
    void theXmlHasOneTestcasePerRunAndPerCheckAndCountsTheFailures() throws Exception {
        Document doc = parse(RunReports.write(tmp, result("abc123", onePassingOneFailing())));

        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("microtvm.run.proj");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(Double.parseDouble(suite.getAttribute("time"))).isCloseTo(0.005 + 0.004 + 0.009, within(1e-6));
        assertThat(testcases(doc)).extracting(e -> e.getAttribute("name")).containsExactly(
                "run-1", "run-2", "run-3", "output_0 matches expected", "output_1 matches expected");
        assertThat(testcases(doc)).extracting(e -> e.getAttribute("classname")).containsOnly("microtvm.proj");
        assertThat(Double.parseDouble(testcases(doc).get(2).getAttribute("time"))).isCloseTo(0.009, within(1e-6));
    }

    @Test
    void onlyTheFailingCheckCarriesAFailureWithItsMessage() throws Exception {
        Document doc = parse(RunReports.write(tmp, result("abc123", onePassingOneFailing())));

        List<Element> cases = testcases(doc);
        for (Element passing : cases.subList(0, 4)) {
            assertThat(passing.getElementsByTagName("failure").getLength()).as(passing.getAttribute("name")).isZero();
        }
        NodeList failures = cases.get(4).getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(FAILURE);
        assertThat(failure.getAttribute("type")).isEqualTo("OutputMismatch");
        assertThat(failure.getTextContent()).isEqualTo(FAILURE);
    }

    @Test
    void deviceStringsThatWouldEndACdataSectionStillGiveWellFormedXml() throws Exception {
        Document doc = parse(RunReports.write(tmp, result("abc]]>def", onePassingOneFailing())));

        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("model abc]]>def,");
    }

    @Test
    void theSummaryGoesToSystemOutAsEscapedText() throws Exception {
        Document doc = parse(RunReports.write(tmp, result("abc123", onePassingOneFailing())));

        NodeList out = doc.getElementsByTagName("system-out");
        assertThat(out.getLength()).isEqualTo(1);
        Node content = out.item(0).getFirstChild();
        assertThat(content.getNodeType()).isEqualTo(Node.TEXT_NODE);
        // device 2, 1, 3 ms; host 5, 4, 9 ms
        assertThat(content.getNodeValue()).isEqualTo("model abc123, 3 run(s); device time (cycle counter)"
                + " median 2.00 ms (min 1.00 ms, max 3.00 ms); host round trip median 5.00 ms (min 4.00 ms, max 9.00 ms)");
    }

    @Test
    void theSummaryReadsSubMillisecondTimesInTheirOwnUnit() {
        RunResult r = new RunResult("proj", "m", "clock_gettime(CLOCK_MONOTONIC)", List.of(), Map.of(),
                List.of(new RunResult.Timing(4.12e-7, 2e-4), new RunResult.Timing(4.4e-7, 9.995e-4)), List.of());

        assertThat(RunReports.summaryText(r)).isEqualTo("model m, 2 run(s); device time (clock_gettime(CLOCK_MONOTONIC))"
                + " median 426 ns (min 412 ns, max 440 ns); host round trip median 600 µs (min 200 µs, max 1.00 ms)");
    }

    @Test
    void underIcountTheSummaryCountsEmulatedInstructions() {
        String timer = "SysTick at 25 MHz under QEMU -icount shift=0: counts emulated instructions (40 per tick),"
                + " not silicon cycles";
        RunResult r = new RunResult("proj", "m", timer, List.of(), Map.of(),
                List.of(new RunResult.Timing(0.0227, 0.5), new RunResult.Timing(3.692e-5, 0.4)), List.of());

        assertThat(RunReports.summaryText(r)).endsWith("median 11.4 M instructions (min 36,920 instructions,"
                + " max 22.7 M instructions); host round trip median 450 ms (min 400 ms, max 500 ms)");
    }

    @Test
    void aRunWithoutDeviceTimerSaysNotMeasured() {
        RunResult r = new RunResult("proj", "m", "none: no timer", List.of(), Map.of(),
                List.of(new RunResult.Timing(Double.NaN, 0.004)), List.of());

        assertThat(RunReports.summaryText(r)).isEqualTo("model m, 1 run(s); device time (none: no timer) not measured;"
                + " host round trip median 4.00 ms (min 4.00 ms, max 4.00 ms)");
    }

    @Test
    void namesAndMessagesWithMarkupCharactersAreEscaped() throws Exception {
        String name = "out<&\"put>";
        String message = name + ": got a < b & \"c\" > 'd'";
        RunResult r = result("id<&\"", List.of(new OutputCheck(name, false, message, Double.NaN, Double.NaN, null)));

        Document doc = parse(RunReports.write(tmp, r));

        Element check = testcases(doc).get(3);
        assertThat(check.getAttribute("name")).isEqualTo(name + " matches expected");
        Element failure = (Element) check.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(message);
        assertThat(failure.getTextContent()).isEqualTo(message);
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("model id<&\", 3 run(s)");
    }

    @Test
    void theJsonSummaryHasTheRunItsTensorsTimingAndChecks() throws Exception {
        RunReports.write(tmp, result("abc123", onePassingOneFailing()));

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("microtvm-proj.json").toFile());

        assertThat(json.get("project").asText()).isEqualTo("proj");
        assertThat(json.get("modelId").asText()).isEqualTo("abc123");
        assertThat(json.get("passed").isBoolean()).isTrue();
        assertThat(json.get("passed").booleanValue()).isFalse();

        JsonNode inputs = json.get("inputs");
        assertThat(inputs).hasSize(2);
        assertThat(inputs.get(0).get("name").asText()).isEqualTo("input");
        assertThat(inputs.get(0).get("dtype").asText()).isEqualTo("int8");
        assertThat(inputs.get(0).get("shape")).extracting(JsonNode::asLong).containsExactly(1L, 28L, 28L);
        assertThat(inputs.get(1).get("dtype").asText()).isEqualTo("float32");
        assertThat(inputs.get(1).get("shape")).extracting(JsonNode::asLong).containsExactly(1L);

        JsonNode outputs = json.get("outputs");
        assertThat(outputs).extracting(o -> o.get("name").asText()).containsExactly("output_0", "output_1");
        assertThat(outputs).extracting(o -> o.get("dtype").asText()).containsExactly("float32", "int32");
        assertThat(outputs.get(0).get("shape")).extracting(JsonNode::asLong).containsExactly(1L, 10L);
        assertThat(outputs.get(1).get("shape")).extracting(JsonNode::asLong).containsExactly(4L);

        JsonNode timing = json.get("timing");
        assertThat(timing.get("runs").asInt()).isEqualTo(3);
        assertThat(timing.get("deviceTimer").asText()).isEqualTo("cycle counter");
        assertThat(timing.get("deviceSeconds").get("min").asDouble()).isEqualTo(0.001);
        assertThat(timing.get("deviceSeconds").get("median").asDouble()).isEqualTo(0.002);
        assertThat(timing.get("deviceSeconds").get("max").asDouble()).isEqualTo(0.003);
        assertThat(timing.get("hostRoundTripSeconds").get("min").asDouble()).isEqualTo(0.004);
        assertThat(timing.get("hostRoundTripSeconds").get("median").asDouble()).isEqualTo(0.005);
        assertThat(timing.get("hostRoundTripSeconds").get("max").asDouble()).isEqualTo(0.009);

        JsonNode checks = json.get("checks");
        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).get("output").asText()).isEqualTo("output_0");
        assertThat(checks.get(0).get("passed").booleanValue()).isTrue();
        assertThat(checks.get(1).get("output").asText()).isEqualTo("output_1");
        assertThat(checks.get(1).get("passed").booleanValue()).isFalse();
        assertThat(checks.get(1).get("message").asText()).isEqualTo(FAILURE);
        assertThat(checks.get(1).get("maxAbsError").asDouble()).isEqualTo(1.0);
        assertThat(checks.get(1).get("rmse").asDouble()).isEqualTo(0.5);
        assertThat(checks.get(1).get("top1Agrees").booleanValue()).isTrue();
    }

    @Test
    void theJsonLeavesOutErrorsAndTop1WhereTheyDoNotApply() throws Exception {
        OutputCheck missing = new OutputCheck("output_3", false, "output_3: expected, but the model has no such"
                + " output (it has output_0, output_1)", Double.NaN, Double.NaN, null);
        RunReports.write(tmp, result("abc123", List.of(missing)));

        JsonNode check = new ObjectMapper().readTree(tmp.resolve("microtvm-proj.json").toFile()).get("checks").get(0);

        assertThat(check.has("maxAbsError")).isFalse();
        assertThat(check.has("rmse")).isFalse();
        assertThat(check.has("top1Agrees")).isFalse();
        assertThat(check.get("message").asText()).isEqualTo(missing.message());
    }

    @Test
    void aRunWithoutExpectedOutputsPassesWithNoCheckTestcases() throws Exception {
        Document doc = parse(RunReports.write(tmp, result("abc123", List.of())));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("microtvm-proj.json").toFile());

        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(json.get("passed").booleanValue()).isTrue();
        assertThat(json.get("checks")).isEmpty();
    }

    @Test
    void writingAgainReplacesBothFilesAndLeavesNoTemporaryFiles() throws Exception {
        RunReports.write(tmp, result("first-model", onePassingOneFailing()));
        RunReports.write(tmp, result("second-model", List.of()));

        assertThat(filesIn(tmp)).containsExactly("TEST-microtvm-proj.xml", "microtvm-proj.json");
        Document doc = parse(tmp.resolve("TEST-microtvm-proj.xml"));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(testcases(doc)).hasSize(3);
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).contains("second-model")
                .doesNotContain("first-model");
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("microtvm-proj.json").toFile());
        assertThat(json.get("modelId").asText()).isEqualTo("second-model");
        assertThat(json.get("passed").booleanValue()).isTrue();
    }

    @Test
    void theFirmwaresFootprintGoesIntoTheJsonWhenThereIsOne() throws Exception {
        var footprint = new ObjectMapper().createObjectNode().put("board", "mps2-an386").put("flash_bytes", 5936)
                .put("ram_bytes", 23856);
        RunReports.write(tmp, result("abc123", List.of()), footprint);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("microtvm-proj.json").toFile());
        assertThat(json.get("footprint")).isEqualTo(footprint);

        RunReports.write(tmp, result("abc123", List.of()));
        assertThat(new ObjectMapper().readTree(tmp.resolve("microtvm-proj.json").toFile()).has("footprint")).isFalse();
    }
}
