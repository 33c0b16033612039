package io.microtvm.maven;

import io.microtvm.BuildLog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A goal typed on the command line alone ({@code default-cli}) takes the configuration of the module's
 * single execution that binds it (inputs, expected outputs, tolerances, gates...) for every parameter not
 * given with -D, so that {@code mvn microtvm:run} runs what the lifecycle runs. Several bound executions:
 * an error naming them, never a guess.
 */
final class BoundConfiguration {
    private BoundConfiguration() {
    }

    /**
     * Configures {@code mojo} from its goal's bound execution when it runs as {@code default-cli}.
     *
     * @return the id of the execution whose configuration it took; null when it took none
     */
    static String apply(Mojo mojo, String goal, ComponentConfigurator configurator, MavenSession session,
                        MavenProject project, MojoExecution execution, BuildLog log) throws Exception {
        if (session == null || project == null || execution == null || execution.getMojoDescriptor() == null
                || !PomExecutions.CLI_EXECUTION.equals(execution.getExecutionId())) {
            return null;
        }
        MojoDescriptor descriptor = execution.getMojoDescriptor();
        Map<String, Xpp3Dom> bound = PomExecutions.binding(project,
                descriptor.getPluginDescriptor().getPluginLookupKey(), goal);
        if (bound.containsKey(PomExecutions.CLI_EXECUTION)) {
            return null; // the POM configures default-cli itself, and Maven has applied it
        }
        if (bound.size() > 1) {
            throw new MojoFailureException("mvn microtvm:" + goal + " on its own cannot tell which configuration to"
                    + " use: " + project.getGroupId() + ":" + project.getArtifactId() + " binds " + goal + " in "
                    + bound.size() + " executions. Run one of them: " + bound.keySet().stream()
                    .map(id -> "microtvm:" + goal + "@" + id).collect(Collectors.joining(", ")) + ".");
        }
        if (bound.isEmpty()) {
            return null;
        }
        Map.Entry<String, Xpp3Dom> only = bound.entrySet().iterator().next();
        Map<String, String> propertyOf = new HashMap<>();
        descriptor.getParameters().forEach(p -> propertyOf.put(p.getName(),
                PomExecutions.propertyOf(p.getExpression())));
        Xpp3Dom config = PomExecutions.notGivenAsProperties(only.getValue(), propertyOf,
                List.of(session.getUserProperties(), session.getSystemProperties()));
        configurator.configureComponent(mojo, new XmlPlexusConfiguration(config),
                new PluginParameterExpressionEvaluator(session, execution),
                descriptor.getPluginDescriptor().getClassRealm());
        log.info("microtvm:" + goal + " on its own uses the configuration of execution '" + only.getKey() + "' ("
                + (config.getChildCount() == 0 ? "none of its own" : Arrays.stream(config.getChildren())
                .map(Xpp3Dom::getName).collect(Collectors.joining(", "))) + "); parameters given with -D win.");
        return only.getKey();
    }
}
