package io.microtvm.report;

import io.microtvm.BuildLog;
import java.util.List;

/** A build log that keeps its warnings (and errors, marked) in a list; info and debug are dropped. */
record CollectingLog(List<String> warnings) implements BuildLog {
    @Override
    public void debug(String message) {
    }

    @Override
    public void info(String message) {
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void error(String message) {
        warnings.add("ERROR " + message);
    }
}
