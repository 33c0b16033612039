package io.microtvm.project;

import java.util.Locale;

/**
 * How the files a goal attaches to the Maven project are classified: by the execution that made
 * them and what they are, so that several executions (one per model or per board) install side by
 * side: {@code default-firmware}, {@code on-device-report}.
 */
public enum AttachedArtifacts {
    /** The firmware image(s) {@code build} wrote: the host executable, or the board's .elf and .bin. */
    FIRMWARE,
    /** The footprint report {@code build} wrote ({@code build/footprint.json}). */
    FOOTPRINT,
    /** The JSON report {@code run} wrote. */
    REPORT;

    /** The classifier for this kind of file made by {@code executionId}, e.g. {@code default-firmware}. */
    public String classifier(String executionId) {
        String id = executionId == null || executionId.isBlank() ? "default" : executionId.strip();
        // a classifier ends up in file names: keep it to characters every repository takes
        return id.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + name().toLowerCase(Locale.ROOT);
    }
}
