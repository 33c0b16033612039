package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectRecord;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.ToolAvailability;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.project.MavenProject;

/**
 * skipIfUnavailable's memory within one build: what create-project or an earlier goal found missing on
 * this agent, by project dir, kept with the Maven project so that the later goals of the execution skip
 * too, and only the first says why in a warning.
 */
final class UnavailableTools {
    private static final String KEY = "microtvm.unavailableTools";

    private final Map<String, String> reasons;
    private final String goal;

    private UnavailableTools(Map<String, String> reasons, String goal) {
        this.reasons = reasons;
        this.goal = goal;
    }

    /** The findings of {@code project}'s build so far, for {@code goal}; a goal outside a project starts afresh. */
    @SuppressWarnings("unchecked")
    static UnavailableTools of(MavenProject project, String goal) {
        if (project == null) {
            return new UnavailableTools(new HashMap<>(), goal);
        }
        Object known = project.getContextValue(KEY);
        if (known == null) {
            known = new ConcurrentHashMap<String, String>();
            project.setContextValue(KEY, known);
        }
        return new UnavailableTools((Map<String, String>) known, goal);
    }

    /** Skips with the one warning of this execution when {@code reason} says what is missing; false when null. */
    boolean skipFor(Path dir, String reason, BuildLog log) {
        if (reason == null) {
            return false;
        }
        String earlier = reasons.put(key(dir), reason);
        if (earlier != null) {
            return skipForEarlier(reason, log); // warned once already
        }
        log.warn("Skipping microtvm:" + goal + " and the later goals on " + dir + " (skipIfUnavailable): " + reason);
        return true;
    }

    /**
     * Asks the server of the project in {@code dir} (none there: nothing to ask) which programs it needs, and
     * skips with the one warning when one is missing.
     */
    boolean skipForProject(Path dir, Map<String, String> givenOptions, ServerSettings settings, BuildLog log)
            throws Exception {
        if (!ProjectRecord.existsIn(dir)) {
            return false;
        }
        GeneratedProject existing = GeneratedProject.open(dir);
        var missing = ToolAvailability.check(existing.dir(), existing.effectiveOptions(givenOptions, BuildLog.NONE),
                settings, existing.record().describeSource());
        return skipFor(dir, missing.orElse(null), log);
    }

    /** Skips, saying so without a warning, when an earlier goal found a tool of {@code dir}'s missing. */
    boolean skipForEarlierFinding(Path dir, BuildLog log) {
        return skipForEarlier(reasons.get(key(dir)), log);
    }

    /** The same for a goal that found no project: one whose create-project was skipped, if any was. */
    boolean skipForAnyEarlierFinding(BuildLog log) {
        return skipForEarlier(reasons.values().stream().findFirst().orElse(null), log);
    }

    private boolean skipForEarlier(String reason, BuildLog log) {
        if (reason == null) {
            return false;
        }
        log.info("Skipping microtvm:" + goal + " (skipIfUnavailable): " + reason);
        return true;
    }

    private static String key(Path dir) {
        return dir.toAbsolutePath().normalize().toString();
    }
}
