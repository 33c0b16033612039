package io.microtvm.report;

import io.microtvm.AtomicFiles;
import io.microtvm.BuildLog;
import java.awt.AWTError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The views over every run report of a module's reports directory, regenerated together each time a
 * run writes its report: {@code index.html} with its charts in {@code index-files/}, and
 * {@code microtvm-runs.csv}. Each file is written atomically; the charts before the page that shows
 * them, and charts no run needs any more are removed after it, so a reader never finds the page
 * pointing at a missing image.
 */
public final class ModuleReports {
    private ModuleReports() {
    }

    /**
     * Reads every {@code microtvm-*.json} in {@code dir} (skipping, with a warning, what is no run
     * report) and rewrites the page, its charts and the CSV; returns the runs read. A directory that
     * does not exist is left alone.
     */
    public static List<RunRecord> regenerate(Path dir, BuildLog log) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunRecord> runs = RunReportReader.readAll(dir, log);
        List<ChartImage> charts = charts(runs, log);
        Path files = dir.resolve(RunsPage.FILES_DIR);
        if (!charts.isEmpty()) {
            Files.createDirectories(files);
        }
        for (ChartImage c : charts) {
            AtomicFiles.writeAtomically(files.resolve(c.fileName()), c.png());
        }
        AtomicFiles.writeAtomically(dir.resolve(RunsPage.FILE),
                RunsPage.html(runs, charts).getBytes(StandardCharsets.UTF_8));
        RunsCsv.write(dir, runs);
        removeStaleCharts(files, charts.stream().map(ChartImage::fileName).collect(Collectors.toSet()));
        return runs;
    }

    /**
     * {@link #regenerate} for a goal at the end of its run: logs the summary table (when
     * {@code withSummaryTable}) and where the page is. The page is a view: a problem writing it is a
     * warning, never the build's failure.
     */
    public static void publish(Path dir, BuildLog log, boolean withSummaryTable) {
        try {
            List<RunRecord> runs = regenerate(dir, log);
            if (!runs.isEmpty()) {
                if (withSummaryTable) {
                    SummaryTable.lines(runs).forEach(log::info);
                }
                log.info(pageLine(dir));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not regenerate the reports page in " + dir + ": " + e);
        }
    }

    /** Where the page and the CSV of {@code dir} are, as a log line. */
    public static String pageLine(Path dir) {
        return "Reports page: " + dir.resolve(RunsPage.FILE) + " (CSV: " + dir.resolve(RunsCsv.FILE) + ")";
    }

    /**
     * The charts, or none when java.awt cannot draw here (a JDK without fonts or its native
     * libraries): the page and CSV matter more than its pictures, so that is a warning.
     */
    private static List<ChartImage> charts(List<RunRecord> runs, BuildLog log) throws IOException {
        try {
            return RunCharts.render(runs);
        } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
            log.warn("The reports page has no charts: java.awt could not draw them here (" + e
                    + "); a JDK with fonts (e.g. the fontconfig and a font package of the OS) draws them.");
            return List.of();
        }
    }

    private static void removeStaleCharts(Path files, Set<String> current) throws IOException {
        if (!Files.isDirectory(files)) {
            return;
        }
        try (DirectoryStream<Path> pngs = Files.newDirectoryStream(files, "*.png")) {
            for (Path png : pngs) {
                if (!current.contains(png.getFileName().toString())) {
                    Files.deleteIfExists(png);
                }
            }
        }
    }
}
