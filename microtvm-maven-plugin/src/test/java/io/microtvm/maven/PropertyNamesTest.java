package io.microtvm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.Setting;
import io.microtvm.Step;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The names the plugin gives the core's settings and steps are the ones its goals really have: every
 * {@link Setting} is a parameter of some goal set by the property {@link PropertyNames} says, and every
 * {@link Step} a goal. Read off the plugin descriptor the build generates from the mojos' annotations
 * (the one {@code mvn microtvm:help} shows), so a renamed parameter fails here.
 */
class PropertyNamesTest {
    /** Read by the JVM, for the serial ports' lock files: not a goal's parameter. */
    private static final Set<Setting> SYSTEM_PROPERTIES = Set.of(Setting.LOCK_DIR);
    /** Set on the command line through another parameter: {@code -Dmicrotvm.options} fills commandLineOptions. */
    private static final Map<Setting, String> SET_THROUGH = Map.of(Setting.OPTIONS, "commandLineOptions");

    /** Each goal's parameters, by name, each to its property ({@code ${microtvm.retries}}: microtvm.retries) or "". */
    private static final Map<String, Map<String, String>> GOALS = new HashMap<>();

    @BeforeAll
    static void readThePluginDescriptor() throws Exception {
        Document descriptor;
        try (InputStream in = PropertyNamesTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("the plugin descriptor the build generates").isNotNull();
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Map<String, String> parameters = new HashMap<>();
            NodeList declared = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("name");
            for (int j = 0; j < declared.getLength(); j++) {
                parameters.put(declared.item(j).getTextContent().strip(), "");
            }
            // the properties are in the configuration, of the parameters that have one or a default
            NodeList configuration = ((Element) mojo.getElementsByTagName("configuration").item(0)).getChildNodes();
            for (int j = 0; j < configuration.getLength(); j++) {
                Node parameter = configuration.item(j);
                if (parameter instanceof Element e) {
                    String expression = e.getTextContent().strip();
                    parameters.put(e.getTagName(), expression.startsWith("${") && expression.endsWith("}")
                            ? expression.substring(2, expression.length() - 1) : "");
                }
            }
            GOALS.put(mojo.getElementsByTagName("goal").item(0).getTextContent().strip(), parameters);
        }
    }

    @Test
    void everySettingIsAParameterOfAGoalWithTheNamedProperty() {
        Set<String> wrong = new HashSet<>();
        for (Setting setting : Setting.values()) {
            if (SYSTEM_PROPERTIES.contains(setting)) {
                continue;
            }
            String parameter = PropertyNames.parameter(setting);
            String setBy = SET_THROUGH.getOrDefault(setting, parameter);
            String property = PropertyNames.property(setting);
            boolean found = GOALS.values().stream().anyMatch(p -> p.containsKey(parameter))
                    && GOALS.values().stream().anyMatch(p -> property.equals(p.get(setBy)));
            if (!found) {
                wrong.add(setting + " as " + PropertyNames.describe(setting));
            }
        }

        assertThat(wrong).as("settings named as no goal's parameter and property").isEmpty();
    }

    @Test
    void theSystemPropertiesAreNamedButAreNoGoalsParameter() {
        for (Setting setting : SYSTEM_PROPERTIES) {
            assertThat(PropertyNames.property(setting)).startsWith(PropertyNames.PREFIX);
            assertThat(GOALS.values()).noneMatch(p -> p.containsValue(PropertyNames.property(setting)));
        }
    }

    @Test
    void everyStepIsAGoal() {
        for (Step step : Step.values()) {
            assertThat(GOALS).containsKey(GoalNames.name(step));
            assertThat(GoalNames.qualified(step)).isEqualTo("microtvm:" + GoalNames.name(step));
        }
    }

    /** The forms the core's messages take in a Maven build (ITs read them in build logs). */
    @Test
    void aMavenBuildLogNamesSettingsAsParametersAndPropertiesAndStepsAsGoals() {
        MavenBuildLog log = new MavenBuildLog(new SystemStreamLog());

        assertThat(log.describe(Setting.MLF)).isEqualTo("modelLibraryFormat (property microtvm.mlf)");
        assertThat(log.name(Setting.LOCK_TIMEOUT) + " (" + log.where(Setting.LOCK_TIMEOUT) + ", now 2 s)")
                .isEqualTo("lockTimeout (property microtvm.lockTimeout, now 2 s)");
        assertThat(log.key(Setting.HOST_FILE_THRESHOLD)).isEqualTo("microtvm.hostFileThreshold");
        assertThat(log.describe(Step.CREATE_PROJECT)).isEqualTo("microtvm:create-project");
    }

    /** The test sees the goals and their properties: a known pair is there. */
    @Test
    void theDescriptorIsReadAsTheGoalsDeclareIt() {
        assertThat(GOALS.get("run")).containsEntry("repeat", "microtvm.repeat")
                .containsEntry("inputs", "microtvm.inputs");
        assertThat(GOALS.get("create-project")).containsEntry("modelLibraryFormat", "microtvm.mlf");
    }
}
