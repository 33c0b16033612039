package io.microtvm.run;

import io.microtvm.AtomicFiles;
import io.microtvm.report.DeviceTimeUnit;
import io.microtvm.report.Quantities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The reports of one run, on every path (passed, failed, error, skipped): a JUnit XML report in
 * Surefire's format ({@code TEST-<suite>.xml}, {@link JunitXmlReport}), so CI servers show on-device
 * runs like tests, and the JSON report ({@code microtvm-<suite>.json}, schema version 2,
 * {@link JsonReport}) that {@code microtvm:verify}, the baseline gate and the HTML page read. Both are
 * written atomically; where they go and the facts both tell are here.
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

    static String junitXml(RunOutcome outcome) {
        return JunitXmlReport.of(outcome);
    }

    static String json(RunOutcome outcome) throws IOException {
        return JsonReport.of(outcome);
    }

    /** The seed when the random fill made some input; null when the inputs file covered them all. */
    static Long seedOf(RunOutcome o) {
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

    private static void writeAtomically(Path target, String content) throws IOException {
        AtomicFiles.writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
