package io.microtvm.report;

import io.microtvm.report.ChartImage.Kind;
import io.microtvm.report.RunRecord.Check;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Draws the reports page's charts with XChart as PNGs: per run its time per repeat, per failed check
 * its error per output element, and one chart of every run's flash and RAM against the board's
 * capacity. Rendering is java.awt without a display: the JVM is put in headless mode unless the user
 * chose otherwise.
 */
public final class RunCharts {
    static final int WIDTH = 760;
    static final int HEIGHT = 330;

    static {
        // Maven is a command-line program; without this a desktop JVM could try to reach a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RunCharts() {
    }

    /** Every chart the runs call for, in page order: footprint first, then per run its timing and errors. */
    public static List<ChartImage> render(List<RunRecord> runs) throws IOException {
        List<ChartImage> charts = new ArrayList<>();
        ChartImage footprint = footprint(runs);
        if (footprint != null) {
            charts.add(footprint);
        }
        for (RunRecord r : runs) {
            ChartImage timing = timing(r);
            if (timing != null) {
                charts.add(timing);
            }
            for (int i = 0; i < r.checks().size(); i++) {
                ChartImage error = errorPerElement(r, i);
                if (error != null) {
                    charts.add(error);
                }
            }
        }
        return charts;
    }

    /** Device time and host round trip of each repeat, each on its own axis; null without per-repeat times. */
    static ChartImage timing(RunRecord r) throws IOException {
        boolean device = r.deviceSecondsPerRun().stream().anyMatch(Objects::nonNull);
        boolean host = r.hostSecondsPerRun().stream().anyMatch(Objects::nonNull);
        if (!device && !host) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(r.suite() + ": time per repeat")
                .xAxisTitle("repeat").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#0");
        int group = 0;
        if (device) {
            List<Double> counts = r.deviceSecondsPerRun().stream()
                    .map(s -> s == null ? null : r.deviceUnit().count(s)).toList();
            Scale scale = r.deviceUnit() == DeviceTimeUnit.INSTRUCTIONS ? Scale.forCounts(counts) : Scale.forSeconds(counts);
            addSeries(chart, "device time (" + scale.unit() + ")", counts, scale, group, 1);
            chart.setYAxisGroupTitle(group, "device time (" + scale.unit() + ")");
            group++;
        }
        if (host) {
            Scale scale = Scale.forSeconds(r.hostSecondsPerRun());
            addSeries(chart, "host round trip (" + scale.unit() + ")", r.hostSecondsPerRun(), scale, group, 1);
            chart.setYAxisGroupTitle(group, "host round trip (" + scale.unit() + ")");
            if (group == 1) {
                chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            }
        }
        String what = device && host ? "device time and host round trip" : device ? "device time" : "host round trip";
        return new ChartImage(stem(r) + "-timing.png", Kind.TIMING, r.file(), null,
                what + " of each of the " + Math.max(r.deviceSecondsPerRun().size(), r.hostSecondsPerRun().size())
                        + " repeats of " + r.suite(), WIDTH, HEIGHT, png(chart));
    }

    /** Flash and RAM of each run in percent of the board's capacity; null when no run reports both. */
    static ChartImage footprint(List<RunRecord> runs) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> flash = new ArrayList<>();
        List<Double> ram = new ArrayList<>();
        for (RunRecord r : runs) {
            RunRecord.Footprint f = r.footprint();
            if (f == null || f.flashBytes() == null || f.ramBytes() == null || f.flashCapacityBytes() == null
                    || f.ramCapacityBytes() == null || f.flashCapacityBytes() <= 0 || f.ramCapacityBytes() <= 0) {
                continue;
            }
            String name = r.execution() != null ? r.execution() : r.suite();
            name = names.contains(name) ? r.suite() : name;
            names.add(names.contains(name) ? name + " (" + (names.size() + 1) + ")" : name); // categories must differ
            flash.add(100.0 * f.flashBytes() / f.flashCapacityBytes());
            ram.add(100.0 * f.ramBytes() / f.ramCapacityBytes());
        }
        if (names.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Footprint against the board's capacity").yAxisTitle("% of capacity").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(100.0, Math.max(max(flash), max(ram))));
        chart.getStyler().setLabelsVisible(true);
        // a bar of a few percent is too thin to hold its label in a light colour: dark labels, always readable
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(java.awt.Color.DARK_GRAY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("#0.#");
        if (names.size() > 4) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        chart.addSeries("flash", names, flash);
        chart.addSeries("RAM", names, ram);
        return new ChartImage("footprint.png", Kind.FOOTPRINT, null, null,
                "flash and RAM of " + names.size() + " run(s) in percent of the board's capacity", WIDTH, HEIGHT,
                png(chart));
    }

    /** |actual - expected| per element of a failed check's output; null when the report has none. */
    static ChartImage errorPerElement(RunRecord r, int checkIndex) throws IOException {
        Check c = r.checks().get(checkIndex);
        if (c.passed() || c.absErrorPerElement().stream().noneMatch(Objects::nonNull)) {
            return null;
        }
        String output = c.output() == null ? "output " + checkIndex : c.output();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(r.suite() + ": " + output + " |actual - expected| per element"
                        + (c.truncated() ? " (first " + c.absErrorPerElement().size() + ")" : ""))
                .xAxisTitle("element (flat index)").yAxisTitle("absolute error").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern("#0");
        chart.getStyler().setMarkerSize(c.absErrorPerElement().size() > 500 ? 3 : 6);
        chart.getStyler().setYAxisMin(0.0); // an error is measured from zero
        // XChart's default pattern writes .05; tiny errors (float rounding) need an exponent to show at all
        chart.getStyler().setYAxisDecimalPattern(maxAbs(c.absErrorPerElement()) >= 0.01 ? "0.###" : "0.##E0");
        addSeries(chart, "absolute error", c.absErrorPerElement(), new Scale(1, ""), 0, 0);
        return new ChartImage(stem(r) + "-error-" + checkIndex + "-" + safe(output) + ".png", Kind.ERROR_PER_ELEMENT,
                r.file(), output, "absolute error of each of the " + c.absErrorPerElement().size() + " elements of "
                + output + " of " + r.suite(), WIDTH, HEIGHT, png(chart));
    }

    /** A unit for a series' axis and the factor from the series' values into it. */
    record Scale(double factor, String unit) {
        static Scale forSeconds(List<Double> seconds) {
            double top = maxAbs(seconds);
            return top < 1e-6 ? new Scale(1e9, "ns") : top < 1e-3 ? new Scale(1e6, "µs")
                    : top < 1 ? new Scale(1e3, "ms") : new Scale(1, "s");
        }

        static Scale forCounts(List<Double> counts) {
            double top = maxAbs(counts);
            return top >= 1e6 ? new Scale(1e-6, "M instructions") : top >= 1e4 ? new Scale(1e-3, "k instructions")
                    : new Scale(1, "instructions");
        }
    }

    /** Adds the finite values at x = firstX, firstX + 1, ...; a missing value (a repeat without a time) is a gap. */
    private static void addSeries(XYChart chart, String name, List<Double> values, Scale scale, int group, int firstX) {
        List<Integer> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && Double.isFinite(values.get(i))) {
                xs.add(firstX + i);
                ys.add(values.get(i) * scale.factor());
            }
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setYAxisGroup(group);
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setAntiAlias(true);
        styler.setTextAntiAlias(true);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    }

    private static double maxAbs(List<Double> values) {
        return values.stream().filter(Objects::nonNull).mapToDouble(Math::abs).max().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** The report's file stem, {@code microtvm-X.json} -> {@code X}: unique in the reports dir. */
    private static String stem(RunRecord r) {
        String s = r.file().endsWith(".json") ? r.file().substring(0, r.file().length() - 5) : r.file();
        return safe(s.startsWith("microtvm-") ? s.substring("microtvm-".length()) : s);
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
