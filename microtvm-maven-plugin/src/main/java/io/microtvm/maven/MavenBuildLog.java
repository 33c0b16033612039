package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.Setting;
import io.microtvm.Step;
import org.apache.maven.plugin.logging.Log;

/** {@link BuildLog} onto Maven's {@link Log}, naming settings as parameters and properties, steps as goals. */
final class MavenBuildLog implements BuildLog {
    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }

    @Override
    public String describe(Setting setting) {
        return PropertyNames.describe(setting);
    }

    @Override
    public String where(Setting setting) {
        return "property " + PropertyNames.property(setting);
    }

    @Override
    public String name(Setting setting) {
        return PropertyNames.parameter(setting);
    }

    @Override
    public String key(Setting setting) {
        return PropertyNames.property(setting);
    }

    @Override
    public String describe(Step step) {
        return GoalNames.qualified(step);
    }
}
