package io.microtvm.maven;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The plugin's executions as the module's POM binds them (the effective model: parents and
 * pluginManagement merged), so that a goal typed on the command line can find the configuration
 * the lifecycle would use, and {@code run} can tell whether {@code verify} is bound after it.
 */
final class PomExecutions {
    static final String CLI_EXECUTION = "default-cli";

    private PomExecutions() {
    }

    /**
     * The executions of plugin {@code pluginKey} ({@code groupId:artifactId}) that bind {@code goal}, by id in
     * POM order, with their execution-level configuration (an empty one when they have none).
     */
    static Map<String, Xpp3Dom> binding(MavenProject project, String pluginKey, String goal) {
        Map<String, Xpp3Dom> found = new LinkedHashMap<>();
        if (project == null) {
            return found;
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (!plugin.getKey().equals(pluginKey)) {
                continue;
            }
            for (PluginExecution execution : plugin.getExecutions()) {
                if (execution.getGoals().contains(goal)) {
                    found.put(execution.getId(), execution.getConfiguration() instanceof Xpp3Dom dom
                            ? dom : new Xpp3Dom("configuration"));
                }
            }
        }
        return found;
    }

    /**
     * The children of {@code configuration} that are parameters of the goal and were not set as a property on
     * the command line ({@code -Dmicrotvm.inputs=...}): what a bound execution adds to a goal typed on the
     * command line. (Maven merges the plugin-level configuration into each execution's, parameters of other
     * goals included; those are left out.)
     *
     * @param propertyOf the goal's parameters by name, each to its property ({@code inputs} to
     *                   {@code microtvm.inputs}) or to null when it has none
     */
    static Xpp3Dom notGivenAsProperties(Xpp3Dom configuration, Map<String, String> propertyOf,
                                        List<Properties> commandLine) {
        Xpp3Dom kept = new Xpp3Dom("configuration");
        for (Xpp3Dom child : configuration.getChildren()) {
            if (!propertyOf.containsKey(child.getName())) {
                continue;
            }
            String property = propertyOf.get(child.getName());
            boolean given = property != null && commandLine.stream().anyMatch(p -> p.containsKey(property));
            if (!given) {
                kept.addChild(new Xpp3Dom(child));
            }
        }
        return kept;
    }

    /** The property of a parameter expression {@code ${microtvm.inputs}}; null for none or a compound one. */
    static String propertyOf(String expression) {
        if (expression == null || !expression.startsWith("${") || !expression.endsWith("}")
                || expression.indexOf("${", 2) >= 0) {
            return null;
        }
        return expression.substring(2, expression.length() - 1);
    }
}
