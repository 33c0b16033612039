package io.microtvm.report;

import java.util.Objects;

/**
 * A rendered chart of the reports page: a PNG under {@code index-files/} and what the page needs to
 * show it.
 *
 * @param fileName    the PNG's name in {@code index-files/}, file-name safe
 * @param kind        what it plots
 * @param runFile     the report file of the run it belongs to ({@link RunRecord#file()}); null for a chart of all runs
 * @param output      the output a per-element error chart is about, else null
 * @param description the alt text: what the chart shows, in words
 */
public record ChartImage(String fileName, Kind kind, String runFile, String output, String description, int width,
                         int height, byte[] png) {

    /** The page's charts. */
    public enum Kind {
        /** Device time (and host round trip) of each repeat of one run. */
        TIMING,
        /** Flash and RAM of every run against the board's capacity. */
        FOOTPRINT,
        /** |actual - expected| of each element of one output whose check failed. */
        ERROR_PER_ELEMENT
    }

    public ChartImage {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(png, "png");
    }
}
