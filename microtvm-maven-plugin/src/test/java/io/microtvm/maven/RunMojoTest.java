package io.microtvm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.microtvm.AtomicFiles;
import io.microtvm.BuildLog;
import io.microtvm.npz.NdArray;
import io.microtvm.npz.Npz;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectCreator;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * microtvm:run as Maven configures it from a POM: parameter errors before any device is touched,
 * skip, a missing project, and full runs on a real host project of the sine model.
 */
@MojoTest
class RunMojoTest {
    private static final String POM = "src/test/resources/unit/run/pom.xml";
    private static final Path REPO =
            Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    private static final Path HARNESS = Path.of("target/harness/run").toAbsolutePath();
    private static final Path PROJECT = HARNESS.resolve("project");
    private static final Path EXPECTED = REPO.resolve("example/model/sine.outputs.npz");

    private static boolean projectReady;

    /** A built host project of the sine model at {@link #PROJECT}, made once for the tests that run it. */
    private static synchronized void ensureProject() throws Exception {
        if (projectReady) {
            return;
        }
        ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(120),
                line -> { });
        Template host = new Template("host", REPO.resolve("templates/host"), TemplateSource.BUNDLED);
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(
                REPO.resolve("example/model/sine.tar"), host, PROJECT, Map.of(), true, "test-version"));
        GeneratedProject.open(PROJECT).build(Map.of(), false, settings, BuildLog.NONE);
        projectReady = true;
    }

    /** The only JUnit XML report in {@code reports}. */
    private static Path junitXml(Path reports) throws Exception {
        try (var files = java.nio.file.Files.list(reports)) {
            var xml = files.filter(f -> f.getFileName().toString().startsWith("TEST-")).toList();
            assertThat(xml).hasSize(1);
            return xml.get(0);
        }
    }

    private static Element suite(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "fillMode", value = "gaussian")
    @MojoParameter(name = "projectDir", value = "target/harness/run/never-created")
    void aBadFillModeFailsNamingTheChoicesBeforeLookingForTheProject(RunMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("'gaussian'")
                .hasMessageContaining("zeros, ones, random")
                .hasMessageContaining("microtvm.fillMode");
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "projectDir", value = "target/harness/run/never-created")
    @MojoParameter(name = "outputs", value = "target/harness/run/skipped/outputs.npz")
    @MojoParameter(name = "reportsDirectory", value = "target/harness/run/skipped/reports")
    void skipRunsNothingAndWritesASkippedReport(RunMojo mojo) throws Exception {
        AtomicFiles.deleteTree(HARNESS.resolve("skipped"));

        mojo.execute();

        assertThat(HARNESS.resolve("skipped/outputs.npz")).doesNotExist();
        Element suite = suite(junitXml(HARNESS.resolve("skipped/reports")));
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getElementsByTagName("skipped").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo("skipped (microtvm.skip=true)");
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "projectDir", value = "target/harness/run/never-created")
    void noProjectAtTheProjectDirSaysToRunCreateProject(RunMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No project at")
                .hasMessageContaining("never-created")
                .hasMessageContaining("Run mvn microtvm:create-project first, or set projectDir (property"
                        + " microtvm.projectDir).");
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "inputs", value = "../example/model/sine.inputs.npz")
    @MojoParameter(name = "outputs", value = "target/harness/run/matching/outputs.npz")
    @MojoParameter(name = "reportsDirectory", value = "target/harness/run/matching/reports")
    void aRunOfTheSampleInputGivesTheExpectedOutputAndAPassingReport(RunMojo mojo) throws Exception {
        ensureProject();
        Path dir = HARNESS.resolve("matching");
        AtomicFiles.deleteTree(dir);

        mojo.execute();

        Path outputs = dir.resolve("outputs.npz");
        assertThat(outputs).isRegularFile();
        NdArray got = Npz.read(outputs).get("output_0");
        NdArray want = Npz.read(EXPECTED).get("output_0");
        assertThat(got).isNotNull();
        assertThat(got.dtype()).isEqualTo(want.dtype());
        assertThat(got.shape()).containsExactly(want.shape());
        for (long i = 0; i < want.elementCount(); i++) {
            assertThat(got.getDouble(i)).isCloseTo(want.getDouble(i), within(1e-5));
        }

        Element suite = suite(junitXml(dir.resolve("reports")));
        // the harness's project is a stub: module identities are tested by the ITs (it/reactor-same-board)
        // two runs (repeat=2 in the POM), the output check, and the comparison of the two runs
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
        assertThat(dir.resolve("reports/microtvm-" + suite.getAttribute("name") + ".json")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "run", pom = POM)
    @MojoParameter(name = "fillMode", value = "zeros")
    @MojoParameter(name = "outputs", value = "target/harness/run/mismatch/outputs.npz")
    @MojoParameter(name = "reportsDirectory", value = "target/harness/run/mismatch/reports")
    void outputsThatDoNotMatchFailTheBuildAfterWritingTheReport(RunMojo mojo) throws Exception {
        ensureProject();
        Path dir = HARNESS.resolve("mismatch");
        AtomicFiles.deleteTree(dir);

        // sine(0) is near 0, the expected output is the model's answer for x = 1 (near sin(1) = 0.84)
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("do not match")
                .hasMessageContaining("worst at")
                .hasMessageContaining("Report: " + dir.resolve("reports").toAbsolutePath());

        assertThat(dir.resolve("outputs.npz")).isRegularFile();
        Element suite = suite(junitXml(dir.resolve("reports")));
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }
}
