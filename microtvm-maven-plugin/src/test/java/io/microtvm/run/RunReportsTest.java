package io.microtvm.run;

import static io.microtvm.run.RunOutcomes.FAILURE;
import static io.microtvm.run.RunOutcomes.ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microtvm.MicroTvmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML and JSON reports of a run on each of its four ends, read back with a real XML parser and Jackson. */
class RunReportsTest {
    @TempDir
    Path tmp;

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String property(Document doc, String name) {
        return elements(doc, "property").stream().filter(p -> p.getAttribute("name").equals(name))
                .map(p -> p.getAttribute("value")).findFirst().orElse(null);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(tmp.resolve("microtvm-com.acme.kws-tests.on-device.json").toFile());
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFilesAreNamedAfterTheModuleAndTheExecution() throws Exception {
        Path reports = tmp.resolve("target/microtvm-reports");

        Path xml = RunReports.write(reports, RunOutcomes.passed());

        assertThat(xml).isEqualTo(reports.resolve("TEST-com.acme.kws-tests.on-device.xml"));
        assertThat(filesIn(reports)).containsExactly("TEST-com.acme.kws-tests.on-device.xml",
                "microtvm-com.acme.kws-tests.on-device.json");
        assertThat(RunReports.jsonReport(reports, ID)).isEqualTo(reports.resolve("microtvm-com.acme.kws-tests.on-device.json"));
    }

    @Test
    void twoModulesOrTwoExecutionsNeverShareAFileOrASuiteName() {
        var a = new RunIdentity("com.acme", "kws-a", "run");
        var b = new RunIdentity("com.acme", "kws-b", "run");
        var c = new RunIdentity("com.acme", "kws-a", "other");

        assertThat(List.of(a.suite(), b.suite(), c.suite())).doesNotHaveDuplicates();
        assertThat(List.of(a.json(tmp), b.json(tmp), c.json(tmp))).doesNotHaveDuplicates();
        assertThat(new RunIdentity("g", "a b", "x/y:z").suite()).isEqualTo("g.a_b.x_y_z");
    }

    @Test
    void deleteStaleRemovesOnlyThisRunsReports() throws Exception {
        RunReports.write(tmp, RunOutcomes.passed());
        RunIdentity other = new RunIdentity("com.acme", "kws-tests", "other");
        RunReports.write(tmp, new RunOutcome(other, RunOutcomes.facts(), RunStatus.SKIPPED, null, null, null, null, "x"));

        RunReports.deleteStale(tmp, ID);

        assertThat(filesIn(tmp)).containsExactly("TEST-com.acme.kws-tests.other.xml", "microtvm-com.acme.kws-tests.other.json");
    }

    @Test
    void aPassedRunHasOneTestcasePerRepeatCheckAndGateNamedAfterModelAndBoard() throws Exception {
        Document doc = parse(RunReports.write(tmp, RunOutcomes.passed()));

        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("com.acme.kws-tests.on-device");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("0.018");
        assertThat(elements(doc, "testcase")).extracting(e -> e.getAttribute("name")).containsExactly(
                "kws on mps2-an386: run 1", "kws on mps2-an386: run 2", "kws on mps2-an386: run 3",
                "kws on mps2-an386: output_0 matches expected", "kws on mps2-an386: maxDeviceTime");
        assertThat(elements(doc, "testcase")).extracting(e -> e.getAttribute("classname"))
                .containsOnly("com.acme.kws-tests.on-device");
        // the device's time, host round trip as a property
        assertThat(elements(doc, "testcase").get(2).getAttribute("time")).isEqualTo("0.003");
        assertThat(property(doc, "microtvm.run.3.hostSeconds")).isEqualTo("0.009");
        assertThat(elements(doc, "system-out").get(0).getTextContent()).startsWith("model abc123, 3 run(s)");
    }

    @Test
    void thePropertiesCarryTheFactsAReaderNeeds() throws Exception {
        Document doc = parse(RunReports.write(tmp, RunOutcomes.passed()));

        assertThat(property(doc, "microtvm.module")).isEqualTo("com.acme:kws-tests");
        assertThat(property(doc, "microtvm.execution")).isEqualTo("on-device");
        assertThat(property(doc, "microtvm.platform")).isEqualTo("qemu-arm");
        assertThat(property(doc, "microtvm.board")).isEqualTo("mps2-an386");
        assertThat(property(doc, "microtvm.model.sha256")).isEqualTo("ab12");
        assertThat(property(doc, "microtvm.seed")).isEqualTo("1234");
        assertThat(property(doc, "microtvm.protocol")).isEqualTo("standalone");
        assertThat(property(doc, "microtvm.timer")).isEqualTo("cycle counter");
        assertThat(property(doc, "microtvm.footprint.flash_bytes")).isEqualTo("5936");
        assertThat(property(doc, "microtvm.hostname")).isEqualTo("ci-agent-7");
        assertThat(property(doc, "microtvm.timestamp")).isEqualTo("2026-12-06T20:01:02Z");
    }

    @Test
    void aFailedRunCarriesAFailurePerFailedCheckAndGate() throws Exception {
        Document doc = parse(RunReports.write(tmp, RunOutcomes.failed()));

        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        List<Element> failures = elements(doc, "failure");
        assertThat(failures).extracting(f -> f.getAttribute("message")).containsExactly(FAILURE, "grew too much");
        assertThat(failures).extracting(f -> f.getAttribute("type")).containsExactly("OutputMismatch", "GateExceeded");
        assertThat(failures.get(0).getTextContent()).isEqualTo(FAILURE);

        JsonNode json = json();
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("passed").booleanValue()).isFalse();
        JsonNode check = json.get("checks").get(1);
        assertThat(check.get("cosineSimilarity").asDouble()).isEqualTo(0.99);
        assertThat(check.get("worstIndex")).extracting(JsonNode::asLong).containsExactly(2L);
        assertThat(check.get("worstActual").asDouble()).isEqualTo(8);
        assertThat(check.get("worstExpected").asDouble()).isEqualTo(7);
        assertThat(check.get("absErrorPerElement")).extracting(JsonNode::asDouble).containsExactly(0.0, 0.0, 1.0, 0.0);
        assertThat(json.get("checks").get(0).has("absErrorPerElement")).isFalse();
        JsonNode gate = json.get("gates").get(0);
        assertThat(gate.get("name").asText()).isEqualTo("regression.flash");
        assertThat(gate.get("passed").booleanValue()).isFalse();
        assertThat(gate.get("measured").asDouble()).isEqualTo(7000);
        assertThat(gate.get("baseline").asDouble()).isEqualTo(5936);
        assertThat(gate.get("unit").asText()).isEqualTo("bytes");
    }

    @Test
    void anErrorBeforeAnyRunIsAnErrorTestcaseWithTheExceptionTypeAndMessage() throws Exception {
        Document doc = parse(RunReports.write(tmp, RunOutcomes.error()));

        assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("1");
        Element error = elements(doc, "error").get(0);
        assertThat(error.getAttribute("type")).isEqualTo(MicroTvmException.class.getName());
        assertThat(error.getAttribute("message")).isEqualTo("The inputs file has no input named 'x <&> y'");
        assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("model on device");

        JsonNode json = json();
        assertThat(json.get("status").asText()).isEqualTo("error");
        assertThat(json.get("error").get("type").asText()).isEqualTo(MicroTvmException.class.getName());
        assertThat(json.get("error").get("message").asText()).contains("no input named");
        assertThat(json.get("timing").isNull()).isTrue();
        assertThat(json.get("platform").isNull()).isTrue();
        assertThat(json.get("model").isNull()).isTrue();
        assertThat(json.get("footprint").isNull()).isTrue();
    }

    @Test
    void aSkippedRunSaysWhichPropertySkippedIt() throws Exception {
        Document doc = parse(RunReports.write(tmp, RunOutcomes.skipped()));

        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(elements(doc, "skipped").get(0).getAttribute("message")).isEqualTo("skipped (skipITs=true)");
        JsonNode json = json();
        assertThat(json.get("status").asText()).isEqualTo("skipped");
        assertThat(json.get("skipReason").asText()).isEqualTo("skipITs=true");
        assertThat(json.get("seed").isNull()).isTrue();
    }

    @Test
    void theJsonFollowsTheContract() throws Exception {
        RunReports.write(tmp, RunOutcomes.passed());
        JsonNode json = json();

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json.get("suite").asText()).isEqualTo("com.acme.kws-tests.on-device");
        assertThat(json.get("module").asText()).isEqualTo("com.acme:kws-tests");
        assertThat(json.get("execution").asText()).isEqualTo("on-device");
        assertThat(json.get("project").asText()).isEqualTo("proj");
        assertThat(json.get("status").asText()).isEqualTo("passed");
        assertThat(json.get("passed").booleanValue()).isTrue();
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-06T20:01:02Z");
        assertThat(json.get("hostname").asText()).isEqualTo("ci-agent-7");
        assertThat(json.get("platform").asText()).isEqualTo("qemu-arm");
        assertThat(json.get("board").asText()).isEqualTo("mps2-an386");
        assertThat(json.get("model").get("file").asText()).isEqualTo("/models/kws.tar");
        assertThat(json.get("model").get("sha256").asText()).isEqualTo("ab12");
        assertThat(json.get("modelId").asText()).isEqualTo("abc123");
        assertThat(json.get("protocol").asText()).isEqualTo("standalone");
        assertThat(json.get("fillMode").asText()).isEqualTo("random");
        assertThat(json.get("seed").asLong()).isEqualTo(1234);
        assertThat(json.get("inputs").get(0).get("shape")).extracting(JsonNode::asLong).containsExactly(1L, 28L, 28L);
        assertThat(json.get("outputs")).extracting(o -> o.get("name").asText()).containsExactly("output_0", "output_1");
        // where each output's shape came from: the model, or no source (written flat)
        assertThat(json.get("outputs")).extracting(o -> o.get("shapeSource").asText()).containsExactly("model", "none");
        JsonNode timing = json.get("timing");
        assertThat(timing.get("runs").asInt()).isEqualTo(3);
        assertThat(timing.get("deviceTimer").asText()).isEqualTo("cycle counter");
        assertThat(timing.get("deviceCounts").asText()).isEqualTo("seconds");
        assertThat(timing.get("deviceSeconds").get("median").asDouble()).isEqualTo(0.002);
        assertThat(timing.get("hostRoundTripSeconds").get("max").asDouble()).isEqualTo(0.009);
        assertThat(timing.get("deviceSecondsPerRun")).extracting(JsonNode::asDouble).containsExactly(0.002, 0.001, 0.003);
        assertThat(timing.get("hostSecondsPerRun")).extracting(JsonNode::asDouble).containsExactly(0.005, 0.004, 0.009);
        assertThat(json.get("footprint")).isEqualTo(RunOutcomes.footprint());
        assertThat(json.get("gates").get(0).get("limit").asDouble()).isEqualTo(0.005);
        assertThat(json.get("gates").get(0).has("baseline")).isFalse();
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void theSeedIsNullWhenTheInputsFileCoveredEveryInput() throws Exception {
        RunResult covered = new RunResult("proj", "id", "t", List.of(), java.util.Map.of(),
                List.of(new RunResult.Timing(Double.NaN, 0.01)), List.of(), List.of());
        RunReports.write(tmp, RunOutcome.completed(ID, RunOutcomes.facts(), covered, null, List.of()));

        JsonNode json = json();
        assertThat(json.get("seed").isNull()).isTrue();
        // no device timer: nulls, never invented numbers
        assertThat(json.get("timing").get("deviceSeconds").get("median").isNull()).isTrue();
        assertThat(json.get("timing").get("deviceSecondsPerRun").get(0).isNull()).isTrue();
    }

    @Test
    void underIcountTheJsonSaysTheDeviceTimeCountsInstructions() throws Exception {
        RunResult r = RunOutcomes.result("id", "SysTick at 25 MHz under QEMU -icount shift=0: counts emulated"
                + " instructions (40 per tick), not silicon cycles", List.of());
        RunReports.write(tmp, RunOutcome.completed(ID, RunOutcomes.facts(), r, null, List.of()));

        assertThat(json().get("timing").get("deviceCounts").asText()).isEqualTo("instructions");
    }

    @Test
    void writingAgainReplacesBothFilesAndLeavesNoTemporaryFiles() throws Exception {
        RunReports.write(tmp, RunOutcomes.failed());
        RunReports.write(tmp, RunOutcomes.error());

        assertThat(filesIn(tmp)).containsExactly("TEST-com.acme.kws-tests.on-device.xml",
                "microtvm-com.acme.kws-tests.on-device.json");
        Document doc = parse(tmp.resolve("TEST-com.acme.kws-tests.on-device.xml"));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        assertThat(json().get("status").asText()).isEqualTo("error");
    }

    @Test
    void namesAndMessagesWithMarkupCharactersAreEscaped() throws Exception {
        String name = "out<&\"put>";
        String message = name + ": got a < b & \"c\" > 'd' ]]> end";
        RunResult r = RunOutcomes.result("id<&\"]]>", List.of(new OutputCheck(name, false, message, Double.NaN,
                Double.NaN, null)));

        Document doc = parse(RunReports.write(tmp, RunOutcome.completed(ID, RunOutcomes.facts(), r, null, List.of())));

        Element failure = elements(doc, "failure").get(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).endsWith(name + " matches expected");
        assertThat(failure.getAttribute("message")).isEqualTo(message);
        assertThat(failure.getTextContent()).isEqualTo(message);
        assertThat(elements(doc, "system-out").get(0).getTextContent()).startsWith("model id<&\"]]>, 3 run(s)");
    }

    @Test
    void theSummaryReadsTimesInTheUnitThatFits() {
        RunResult r = RunOutcomes.result("abc123", List.of());
        // device 2, 1, 3 ms; host 5, 4, 9 ms
        assertThat(RunReports.summaryText(r)).isEqualTo("model abc123, 3 run(s); device time (cycle counter)"
                + " median 2.00 ms (min 1.00 ms, max 3.00 ms); host round trip median 5.00 ms (min 4.00 ms, max 9.00 ms)");
    }

    @Test
    void theSummaryReadsSubMillisecondTimesInTheirOwnUnit() {
        RunResult r = new RunResult("proj", "m", "clock_gettime(CLOCK_MONOTONIC)", List.of(), java.util.Map.of(),
                List.of(new RunResult.Timing(4.12e-7, 2e-4), new RunResult.Timing(4.4e-7, 9.995e-4)), List.of());

        assertThat(RunReports.summaryText(r)).isEqualTo("model m, 2 run(s); device time (clock_gettime(CLOCK_MONOTONIC))"
                + " median 426 ns (min 412 ns, max 440 ns); host round trip median 600 µs (min 200 µs, max 1.00 ms)");
    }

    @Test
    void underIcountTheSummaryCountsEmulatedInstructions() {
        String timer = "SysTick at 25 MHz under QEMU -icount shift=0: counts emulated instructions (40 per tick),"
                + " not silicon cycles";
        RunResult r = new RunResult("proj", "m", timer, List.of(), java.util.Map.of(),
                List.of(new RunResult.Timing(0.0227, 0.5), new RunResult.Timing(3.692e-5, 0.4)), List.of());

        assertThat(RunReports.summaryText(r)).endsWith("median 11.4 M instructions (min 36,920 instructions,"
                + " max 22.7 M instructions); host round trip median 450 ms (min 400 ms, max 500 ms)");
    }

    @Test
    void aRunWithoutDeviceTimerSaysNotMeasured() {
        RunResult r = new RunResult("proj", "m", "none: no timer", List.of(), java.util.Map.of(),
                List.of(new RunResult.Timing(Double.NaN, 0.004)), List.of());

        assertThat(RunReports.summaryText(r)).isEqualTo("model m, 1 run(s); device time (none: no timer) not measured;"
                + " host round trip median 4.00 ms (min 4.00 ms, max 4.00 ms)");
    }
}
