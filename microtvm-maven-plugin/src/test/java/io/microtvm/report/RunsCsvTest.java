package io.microtvm.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCsvTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderNamesTheColumnsInTheirStableOrder() {
        assertThat(RunsCsv.header()).containsExactly("timestamp", "suite", "module", "execution", "model",
                "model_sha256", "platform", "board", "protocol", "status", "runs", "device_min_seconds",
                "device_median_seconds", "device_max_seconds", "device_counts", "host_min_seconds",
                "host_median_seconds", "host_max_seconds", "flash_bytes", "flash_capacity_bytes", "ram_bytes",
                "ram_capacity_bytes", "max_abs_error", "rmse", "top1_agrees", "cosine_similarity");
    }

    @Test
    void oneRowPerRunWithUnknownFactsEmpty() throws Exception {
        List<RunRecord> runs = List.of(
                RunReportReader.read(ContractReports.write(dir, "microtvm-a.json", ContractReports.PASSED_ON_QEMU)),
                RunReportReader.read(ContractReports.write(dir, "microtvm-b.json", ContractReports.OLD_FORMAT)));

        Path file = RunsCsv.write(dir, runs);

        assertThat(file).isEqualTo(dir.resolve("microtvm-runs.csv"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        List<List<String>> rows = parse(text);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(RunsCsv.header());
        assertThat(rows.get(1)).containsExactly("2026-12-06T20:01:02Z", "com.acme.kws-tests.on-device",
                "com.acme:kws-tests", "on-device", "kws.tar", "3f9a", "qemu-arm", "mps2-an386", "standalone", "passed",
                "3", "0.0227", "0.02271", "0.02272", "instructions", "0.5", "0.51", "0.6", "174080", "4194304", "23856",
                "4194304", "0.0", "0.0", "true", "1.0");
        assertThat(rows.get(2)).containsExactly("", "sine-an386", "", "", "sine", "", "", "mps2-an386", "", "passed",
                "2", "3.692E-5", "3.694E-5", "3.696E-5", "instructions", "0.004", "0.005", "0.006", "5936", "4194304",
                "23856", "4194304", "1.0E-7", "1.0E-7", "", "");
        rows.forEach(row -> assertThat(row).hasSameSizeAs(RunsCsv.header()));
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() throws Exception {
        RunRecord r = RunReportReader.read(ContractReports.write(dir, "microtvm-q.json", """
                {"status": "passed", "suite": "s", "model": {"file": "/m/a \\"b\\", c\\nd.tar"},
                 "hostname": "h", "platform": "a,b"}
                """));

        String text = RunsCsv.text(List.of(r));

        assertThat(RunsCsv.quoted("plain")).isEqualTo("plain");
        assertThat(RunsCsv.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(RunsCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RunsCsv.quoted("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(text).contains(",\"a \"\"b\"\", c\nd.tar\",");
        List<List<String>> rows = parse(text);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(4)).isEqualTo("a \"b\", c\nd.tar");
        assertThat(rows.get(1).get(6)).isEqualTo("a,b");
    }

    @Test
    void noRunsIsTheHeaderAlone() {
        assertThat(RunsCsv.text(List.of())).isEqualTo(String.join(",", RunsCsv.header()) + "\r\n");
    }

    /** An RFC 4180 reader, strict: a quote inside an unquoted field or after a closing quote fails. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    assertThat(text.charAt(i)).as("unquoted field char at " + i).isNotIn('"', '\n');
                    field.append(text.charAt(i++));
                }
            }
            row.add(field.toString());
            field.setLength(0);
            if (text.charAt(i) == ',') {
                i++;
            } else {
                assertThat(text.substring(i, i + 2)).isEqualTo("\r\n");
                i += 2;
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        return rows;
    }
}
