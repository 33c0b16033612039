package io.microtvm.run;

import java.util.Locale;

/** How a run ended, as the reports say it. */
public enum RunStatus {
    /** Completed; every output check and gate passed. */
    PASSED,
    /** Completed, but an output check or a gate failed. */
    FAILED,
    /** Could not complete: transport, bad inputs, a device refusal, anything thrown. */
    ERROR,
    /** Skipped by skip, skipTests, skipITs or maven.test.skip. */
    SKIPPED;

    /** The name in the JSON report: {@code passed}, {@code failed}, {@code error}, {@code skipped}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a JSON report names; null for a name this version does not know. */
    public static RunStatus fromJsonName(String name) {
        for (RunStatus s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
