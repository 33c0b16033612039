package io.microtvm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.project.ProjectRecord;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The goals as Maven configures them from a POM (maven-plugin-testing-harness): parameters arrive,
 * the plain-Java layer runs for real, and its errors become the right Maven exception.
 */
@MojoTest
class GoalsMojoTest {
    private static final String POM = "src/test/resources/unit/goals/pom.xml";
    private static final Path PROJECT = Path.of("target/harness/goals/microtvm/project").toAbsolutePath();

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    void createBuildAndFlashRunFromThePomConfiguration(CreateProjectMojo create) throws Exception {
        create.execute();

        ProjectRecord record = ProjectRecord.readFrom(PROJECT).orElseThrow();
        assertThat(record.platform()).isEqualTo("host");
        assertThat(record.options()).containsEntry("cflags", "-O1");

        BuildMojo build = new BuildMojo();
        copyCommonParameters(create, build);
        build.execute();
        assertThat(PROJECT.resolve("build/main")).isExecutable();

        FlashMojo flash = new FlashMojo();
        copyCommonParameters(create, flash);
        flash.execute();
    }

    private static void copyCommonParameters(AbstractMicroTvmMojo from, AbstractMicroTvmMojo to) {
        to.python = from.python;
        to.queryTimeout = from.queryTimeout;
        to.timeout = from.timeout;
        to.lockTimeout = from.lockTimeout;
        to.projectDir = from.projectDir;
        to.buildDirectory = from.buildDirectory;
        to.setLog(from.getLog());
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "projectDir", value = "target/harness/goals/skipped")
    void skipDoesNothing(CreateProjectMojo mojo) throws Exception {
        mojo.execute();

        assertThat(new File("target/harness/goals/skipped")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "modelLibraryFormat", value = "target/harness/no-such-model.tar")
    void aMissingModelIsTheUsersFailure(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("microtvm.mlf");
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "commandLineOptions", value = "just-a-word")
    void badCommandLineOptionSyntaxIsTheUsersFailure(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Invalid option format: 'just-a-word'");
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "platform", value = "no-such-board")
    void anUnknownPlatformListsThePlatformsFound(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Unknown platform 'no-such-board'")
                .hasMessageContaining("host (bundled with the plugin)");
    }

    @Test
    @InjectMojo(goal = "create-project", pom = POM)
    @MojoParameter(name = "python", value = "no-such-python3")
    void aPythonThatIsNotThereIsAnEnvironmentError(CreateProjectMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("no-such-python3")
                .hasMessageContaining("microtvm.python");
    }

    @Test
    @InjectMojo(goal = "build", pom = POM)
    @MojoParameter(name = "timeout", value = "0")
    void aNonPositiveDeadlineIsRefused(BuildMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("microtvm.timeout");
    }
}
