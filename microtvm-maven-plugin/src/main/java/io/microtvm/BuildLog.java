package io.microtvm;

/**
 * Where the plain-Java parts of the plugin report progress and problems. The mojos adapt
 * Maven's {@code Log} to it, naming settings and steps as Maven does; tests collect the lines,
 * with the core's plain names.
 */
public interface BuildLog extends SettingNames {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    /** Discards everything. */
    BuildLog NONE = new BuildLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) { }
        @Override public void error(String message) { }
    };
}
