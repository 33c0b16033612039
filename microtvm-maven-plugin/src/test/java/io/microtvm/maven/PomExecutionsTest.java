package io.microtvm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** Finding the bound executions of a goal in a module's model, and what of their configuration a CLI run takes. */
class PomExecutionsTest {
    private static final String KEY = "io.microtvm:microtvm-maven-plugin";

    private static Xpp3Dom config(String... nameValues) {
        Xpp3Dom dom = new Xpp3Dom("configuration");
        for (int i = 0; i < nameValues.length; i += 2) {
            Xpp3Dom child = new Xpp3Dom(nameValues[i]);
            child.setValue(nameValues[i + 1]);
            dom.addChild(child);
        }
        return dom;
    }

    private static PluginExecution execution(String id, Xpp3Dom configuration, String... goals) {
        PluginExecution e = new PluginExecution();
        e.setId(id);
        e.setGoals(List.of(goals));
        e.setConfiguration(configuration);
        return e;
    }

    private static MavenProject project(Plugin... plugins) {
        Model model = new Model();
        Build build = new Build();
        for (Plugin p : plugins) {
            build.addPlugin(p);
        }
        model.setBuild(build);
        return new MavenProject(model);
    }

    private static Plugin plugin(String groupId, String artifactId, PluginExecution... executions) {
        Plugin p = new Plugin();
        p.setGroupId(groupId);
        p.setArtifactId(artifactId);
        for (PluginExecution e : executions) {
            p.addExecution(e);
        }
        return p;
    }

    @Test
    void findsTheExecutionsOfThisPluginThatBindTheGoalInPomOrder() {
        MavenProject project = project(
                plugin("org.apache.maven.plugins", "maven-failsafe-plugin", execution("it", null, "run")),
                plugin("io.microtvm", "microtvm-maven-plugin",
                        execution("default", null, "create-project", "build"),
                        execution("on-device", config("inputs", "in.npz"), "flash", "run"),
                        execution("second", null, "run"),
                        execution("gate", null, "verify")));

        Map<String, Xpp3Dom> run = PomExecutions.binding(project, KEY, "run");

        assertThat(run.keySet()).containsExactly("on-device", "second");
        assertThat(run.get("on-device").getChild("inputs").getValue()).isEqualTo("in.npz");
        assertThat(run.get("second").getChildCount()).isZero();
        assertThat(PomExecutions.binding(project, KEY, "verify").keySet()).containsExactly("gate");
        assertThat(PomExecutions.binding(project(), KEY, "run")).isEmpty();
        assertThat(PomExecutions.binding(null, KEY, "run")).isEmpty();
    }

    @Test
    void takesTheGoalsOwnParametersThatNoPropertyOnTheCommandLineSet() {
        Xpp3Dom bound = config("inputs", "in.npz", "expectedOutputs", "out.npz", "printTop", "2",
                "modelLibraryFormat", "model.tar", "options", "");
        Map<String, String> parameters = new HashMap<>();
        parameters.put("inputs", "microtvm.inputs");
        parameters.put("expectedOutputs", "microtvm.expectedOutputs");
        parameters.put("printTop", "microtvm.printTop");
        parameters.put("options", null); // a map: no property
        Properties user = new Properties();
        user.setProperty("microtvm.printTop", "3");

        Xpp3Dom kept = PomExecutions.notGivenAsProperties(bound, parameters, List.of(user, new Properties()));

        // printTop came from -D; modelLibraryFormat is another goal's parameter, merged in by Maven
        assertThat(kept.getChildren()).extracting(Xpp3Dom::getName).containsExactly("inputs", "expectedOutputs",
                "options");
    }

    @Test
    void aParameterExpressionNamesItsProperty() {
        assertThat(PomExecutions.propertyOf("${microtvm.inputs}")).isEqualTo("microtvm.inputs");
        assertThat(PomExecutions.propertyOf("${project.build.directory}/x")).isNull();
        assertThat(PomExecutions.propertyOf("${a}${b}")).isNull();
        assertThat(PomExecutions.propertyOf(null)).isNull();
    }
}
