package io.microtvm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.architecture.CompiledClasses.CompiledClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the mojos' package talks to Maven: the core is plain Java that unit tests call without Maven
 * and that another front end could drive. Checked on the compiled classes, so a fully qualified name
 * counts as much as an import.
 */
class CoreIsFreeOfMavenTest {
    static final String MAVEN_PACKAGE = "io.microtvm.maven";
    /** Maven's API and core, its container (Plexus) and its artifact resolver (Aether). */
    static final List<String> MAVEN_PREFIXES =
            List.of("org.apache.maven.", "org.codehaus.plexus.", "org.eclipse.aether.");

    @Test
    void noClassOutsideTheMavenPackageRefersToMaven() throws Exception {
        List<CompiledClass> classes = CompiledClasses.main();
        List<String> violations = classes.stream()
                .filter(c -> !c.packageName().equals(MAVEN_PACKAGE))
                .flatMap(c -> c.references().stream().filter(CoreIsFreeOfMavenTest::isMaven)
                        .map(r -> c.name() + " refers to " + r))
                .toList();

        assertThat(violations).as("Maven types outside " + MAVEN_PACKAGE + " (move the code into that package,"
                + " or give the core a type of its own)").isEmpty();
    }

    /** The check looks where the Maven types are: the mojos do refer to them. */
    @Test
    void theMojosDoReferToMavenSoTheScanSeesThem() throws Exception {
        List<CompiledClass> mavenPackage = CompiledClasses.main().stream()
                .filter(c -> c.packageName().equals(MAVEN_PACKAGE)).toList();

        assertThat(mavenPackage).isNotEmpty();
        assertThat(mavenPackage.stream().flatMap(c -> c.references().stream()))
                .anyMatch(r -> r.equals("org.apache.maven.plugin.AbstractMojo"))
                .anyMatch(r -> r.startsWith("org.codehaus.plexus."));
    }

    private static boolean isMaven(String className) {
        return MAVEN_PREFIXES.stream().anyMatch(className::startsWith);
    }
}
