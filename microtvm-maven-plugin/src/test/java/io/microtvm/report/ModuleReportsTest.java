package io.microtvm.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The page, its charts and the CSV regenerated from a reports directory, read back. */
class ModuleReportsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private void writeThreeRuns() throws Exception {
        ContractReports.write(dir, "microtvm-com.acme.kws-tests.on-device.json", ContractReports.PASSED_ON_QEMU);
        ContractReports.write(dir, "microtvm-com.acme.kws-tests.mismatch.json", ContractReports.FAILED_ON_HOST);
        ContractReports.write(dir, "microtvm-com.acme.kws-tests.broken.json", ContractReports.ERROR_ON_QEMU);
    }

    @Test
    void thePageHoldsATableRowPerRunWithItsFacts() throws Exception {
        writeThreeRuns();

        List<RunRecord> runs = ModuleReports.regenerate(dir, new CollectingLog(warnings));

        assertThat(runs).hasSize(3);
        Document page = parse(dir.resolve("index.html"));
        assertThat(text(page, "title")).containsExactly("microTVM runs of com.acme:kws-tests");
        List<Element> rows = elements(page.getElementsByTagName("tbody").item(0), "tr");
        assertThat(rows).hasSize(3);
        // one module, named in the title: each run by its execution, the suite in the link's title
        assertThat(elements(rows.get(0), "a").get(0).getAttribute("title")).isEqualTo("com.acme.kws-tests.broken");
        assertThat(cells(rows.get(0))).containsExactly("broken", "–", "qemu-arm / mps2-an385",
                "error", "–", "–", "–", "–", "–", "–", "–");
        assertThat(cells(rows.get(1))).containsExactly("mismatch", "sine.tar", "host", "failed",
                "420 ns (412 ns – 430 ns)", "210 µs (200 µs – 220 µs)", "–", "1", "0.559", "no", "0.75");
        assertThat(cells(rows.get(2))).containsExactly("on-device", "kws.tar",
                "qemu-arm / mps2-an386", "passed",
                "22.7 M instructions (22.7 M instructions – 22.7 M instructions)", "510 ms (500 ms – 600 ms)",
                "flash 170 KiB of 4 MiB (4.2 %) RAM 23.3 KiB of 4 MiB (0.6 %)", "0", "0", "yes", "1");
        assertThat(page.getDocumentElement().getTextContent()).contains("3 runs: 1 passed, 1 failed, 1 errors, 0 skipped");
        assertThat(warnings).isEmpty();
    }

    @Test
    void theStartReadsToTheSecond() throws Exception {
        ContractReports.write(dir, "microtvm-t.json", "{\"status\": \"passed\", \"suite\": \"t\","
                + " \"timestamp\": \"2026-12-06T20:28:22.662048201Z\"}");

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        assertThat(Files.readString(dir.resolve("index.html"))).contains("<dt>started</dt><dd>2026-12-06T20:28:22Z</dd>");
        assertThat(Files.readString(dir.resolve("microtvm-runs.csv"))).contains("2026-12-06T20:28:22.662048201Z,t,");
    }

    @Test
    void runsOfSeveralModulesAreNamedByTheirSuites() throws Exception {
        writeThreeRuns();
        ContractReports.write(dir, "microtvm-org.other.m.on-device.json", ContractReports.PASSED_ON_QEMU
                .replace("com.acme.kws-tests.on-device", "org.other.m.on-device").replace("com.acme:kws-tests", "org.other:m"));

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        Document page = parse(dir.resolve("index.html"));
        assertThat(text(page, "title")).containsExactly("microTVM runs of com.acme:kws-tests, org.other:m");
        assertThat(elements(page.getElementsByTagName("tbody").item(0), "tr")).extracting(r -> cells(r).get(0))
                .containsExactly("com.acme.kws-tests.broken", "com.acme.kws-tests.mismatch", "com.acme.kws-tests.on-device",
                        "org.other.m.on-device");
    }

    @Test
    void thePageShowsTheTimingFootprintAndErrorChartsAsPngsBesideIt() throws Exception {
        writeThreeRuns();

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        Document page = parse(dir.resolve("index.html"));
        List<String> sources = new ArrayList<>();
        NodeList images = page.getElementsByTagName("img");
        for (int i = 0; i < images.getLength(); i++) {
            Element img = (Element) images.item(i);
            sources.add(img.getAttribute("src"));
            assertThat(img.getAttribute("alt")).isNotBlank();
        }
        assertThat(sources).containsExactly(
                "index-files/footprint.png",
                "index-files/com.acme.kws-tests.mismatch-timing.png",
                "index-files/com.acme.kws-tests.mismatch-error-0-output_0.png",
                "index-files/com.acme.kws-tests.on-device-timing.png");
        for (String src : sources) {
            Path png = dir.resolve(src);
            assertThat(Files.readAllBytes(png)).startsWith(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(RunCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(RunCharts.HEIGHT);
        }
        assertThat(dir.resolve("microtvm-runs.csv")).isRegularFile();
        assertThat(RunsCsvTest.parse(Files.readString(dir.resolve("microtvm-runs.csv")))).hasSize(4);
    }

    @Test
    void textFromAReportIsEscaped() throws Exception {
        ContractReports.write(dir, "microtvm-x.json", """
                {"status": "failed", "suite": "<script>alert('x')</script>", "module": "a&b:\\"c\\"",
                 "checks": [{"output": "o", "passed": false, "message": "got <1> & \\"2\\""}],
                 "error": {"type": "T", "message": "</pre><b>bold</b>\\u0007"}}
                """);

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>bold")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        Document page = parse(dir.resolve("index.html")); // still well-formed
        assertThat(page.getDocumentElement().getTextContent()).contains("got <1> & \"2\"")
                .contains("</pre><b>bold</b>\uFFFD").contains("a&b:\"c\"");
    }

    @Test
    void aGarbageReportIsSkippedWithAWarningAndTheRestStillShown() throws Exception {
        ContractReports.write(dir, "microtvm-com.acme.kws-tests.on-device.json", ContractReports.PASSED_ON_QEMU);
        ContractReports.write(dir, "microtvm-broken.json", "{\"status\": \"passed\",");

        List<RunRecord> runs = ModuleReports.regenerate(dir, new CollectingLog(warnings));

        assertThat(runs).extracting(RunRecord::suite).containsExactly("com.acme.kws-tests.on-device");
        assertThat(warnings).singleElement().asString().contains("microtvm-broken.json").contains("not JSON");
        assertThat(elements(parse(dir.resolve("index.html")).getElementsByTagName("tbody").item(0), "tr")).hasSize(1);
    }

    @Test
    void chartsOfRunsThatAreGoneAreRemovedAndOthersKept() throws Exception {
        writeThreeRuns();
        ModuleReports.regenerate(dir, new CollectingLog(warnings));
        Path userFile = Files.writeString(dir.resolve("index-files/notes.txt"), "mine");
        Files.delete(dir.resolve("microtvm-com.acme.kws-tests.mismatch.json"));

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        assertThat(filesIn(dir.resolve("index-files"))).containsExactly("com.acme.kws-tests.on-device-timing.png",
                "footprint.png", "notes.txt");
        assertThat(userFile).hasContent("mine");
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("mismatch");
    }

    @Test
    void anEmptyReportsDirectoryGivesAPageSayingSoAndAMissingOneNothing() throws Exception {
        ModuleReports.regenerate(dir, new CollectingLog(warnings));
        assertThat(Files.readString(dir.resolve("index.html"))).contains("No run reports");
        assertThat(dir.resolve("index-files")).doesNotExist();
        assertThat(RunsCsvTest.parse(Files.readString(dir.resolve("microtvm-runs.csv")))).hasSize(1);

        assertThat(ModuleReports.regenerate(dir.resolve("absent"), new CollectingLog(warnings))).isEmpty();
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void anOldReportHasARowButNoTimingChart() throws Exception {
        ContractReports.write(dir, "microtvm-sine-an386.json", ContractReports.OLD_FORMAT);

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        Document page = parse(dir.resolve("index.html"));
        assertThat(text(page, "title")).containsExactly("microTVM runs");
        assertThat(cells(elements(page.getElementsByTagName("tbody").item(0), "tr").get(0)))
                .startsWith("sine-an386", "sine", "mps2-an386", "passed",
                        "36,940 instructions (36,920 instructions – 36,960 instructions)");
        assertThat(filesIn(dir.resolve("index-files"))).containsExactly("footprint.png");
    }

    @Test
    void publishingLogsTheSummaryTableAndWhereThePageIs() throws Exception {
        writeThreeRuns();
        List<String> info = new ArrayList<>();
        ModuleReports.publish(dir, infoInto(info), true);

        assertThat(info).hasSize(6);
        assertThat(info.get(0)).isEqualTo("microTVM results (3 runs: 1 passed, 1 failed, 1 errors, 0 skipped):");
        assertThat(info.get(5)).isEqualTo("Reports page: " + dir.resolve("index.html") + " (CSV: "
                + dir.resolve("microtvm-runs.csv") + ")");
        assertThat(warnings).isEmpty();
    }

    @Test
    void publishingWithoutTheSummaryTableLogsOnlyWhereThePageIs() throws Exception {
        writeThreeRuns();
        List<String> info = new ArrayList<>();
        ModuleReports.publish(dir, infoInto(info), false); // a verify goal logs the table at the end

        assertThat(info).containsExactly("Reports page: " + dir.resolve("index.html") + " (CSV: "
                + dir.resolve("microtvm-runs.csv") + ")");
        assertThat(dir.resolve("index.html")).exists();
    }

    private io.microtvm.BuildLog infoInto(List<String> info) {
        return new io.microtvm.BuildLog() {
            @Override public void debug(String message) { }
            @Override public void info(String message) { info.add(message); }
            @Override public void warn(String message) { warnings.add(message); }
            @Override public void error(String message) { warnings.add(message); }
        };
    }

    @Test
    void aPageThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        writeThreeRuns();
        Files.createDirectories(dir.resolve("index.html/occupied")); // a directory where the page goes

        ModuleReports.publish(dir, new CollectingLog(warnings), true);

        assertThat(warnings).singleElement().asString().startsWith("Could not regenerate the reports page in " + dir);
    }

    @Test
    void aModelKnownOnlyByItsDigestShowsItsHeadInTheTable() throws Exception {
        String digest = "b0233b763aabb1bbcab892209625cbf93c1bfa3f99cc9fc58647375db1f07fa2";
        ContractReports.write(dir, "microtvm-sine.json", "{\"project\": \"sine\", \"passed\": true, \"modelId\": \""
                + digest + "\"}");

        ModuleReports.regenerate(dir, new CollectingLog(warnings));

        Element cell = elements(parse(dir.resolve("index.html")).getElementsByTagName("tbody").item(0), "td").get(1);
        assertThat(cell.getTextContent()).isEqualTo("b0233b763aab…");
        assertThat(((Element) cell.getElementsByTagName("span").item(0)).getAttribute("title")).isEqualTo(digest);
    }

    static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(html.toFile());
    }

    private static List<String> text(Document doc, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static List<Element> elements(org.w3c.dom.Node parent, String tag) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = ((Element) parent).getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static List<String> cells(Element row) {
        return elements(row, "td").stream().map(Element::getTextContent).toList();
    }

    private static List<String> filesIn(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
