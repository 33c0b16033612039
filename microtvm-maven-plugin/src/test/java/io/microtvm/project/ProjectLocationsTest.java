package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLocationsTest {
    @TempDir
    Path root;

    private void makeProject(String name) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        new ProjectRecord(1, "v", "host", "/t", "d", "/m.tar", "d", Map.of(), null, "t").writeTo(dir);
    }

    @Test
    void unnamedExecutionsUseTheDefaultDirAndNamedOnesTheirId() {
        ProjectLocations locations = new ProjectLocations(root);

        assertThat(locations.forNewProject("default")).isEqualTo(root.resolve("project"));
        assertThat(locations.forNewProject("default-cli")).isEqualTo(root.resolve("project"));
        assertThat(locations.forNewProject(null)).isEqualTo(root.resolve("project"));
        assertThat(locations.forNewProject("board-a")).isEqualTo(root.resolve("board-a"));
    }

    @Test
    void anExecutionUsesItsOwnProjectWhenThereIsOne() throws Exception {
        makeProject("a");
        makeProject("b");

        assertThat(new ProjectLocations(root).forExistingProject("b", "flash")).isEqualTo(root.resolve("b"));
    }

    @Test
    void theCommandLineFindsTheOnlyProjectTheLifecycleMade() throws Exception {
        makeProject("sine");
        Files.createDirectories(root.resolve(".templates"));

        assertThat(new ProjectLocations(root).forExistingProject("default-cli", "flash"))
                .isEqualTo(root.resolve("sine"));
    }

    @Test
    void severalProjectsAreAnErrorThatNamesThemAndSaysHowToChoose() throws Exception {
        makeProject("mlp");
        makeProject("sine");

        assertThatThrownBy(() -> new ProjectLocations(root).forExistingProject("default-cli", "run flash"))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("mlp, sine")
                .hasMessageContaining("(run flash@<execution-id>, e.g. run flash@mlp)")
                .satisfies(e -> assertThat(((MicroTvmException) e).setting()).contains(Setting.PROJECT_DIR));
    }

    @Test
    void noProjectAtAllSaysToRunCreateProject() {
        assertThatThrownBy(() -> new ProjectLocations(root.resolve("missing")).forExistingProject("default-cli", "build"))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("create-project");
    }
}
