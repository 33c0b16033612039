package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.projectapi.ServerLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLocatorTest {
    @TempDir
    Path tmp;

    private Path bundledSource;
    private Path tvm;

    @BeforeEach
    void layOutTemplates() throws Exception {
        bundledSource = tmp.resolve("jar/microtvm-templates");
        server(bundledSource.resolve("host"), ServerLauncher.SERVER_SCRIPT);
        Files.writeString(bundledSource.resolve("host/README.md"), "doc");
        Files.createDirectories(bundledSource.resolve("not-a-template"));
        tvm = tmp.resolve("tvm/build/" + TemplateLocator.TVM_TEMPLATE_PROJECTS);
        server(tvm.resolve("zephyr"), ServerLauncher.LAUNCH_SCRIPT);
        server(tvm.resolve("host"), ServerLauncher.SERVER_SCRIPT);
    }

    private static void server(Path dir, String file) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), "# server\n");
    }

    private TemplateLocator locator(Optional<Path> tvmDir) throws Exception {
        return new TemplateLocator(BundledTemplates.fromDirectory(bundledSource), tmp.resolve("cache"), tvmDir);
    }

    @Test
    void bundledTemplatesAreExtractedToAContentAddressedDirWithExecutableServers() throws Exception {
        Template host = locator(Optional.empty()).locate("host", null);

        assertThat(host.source()).isEqualTo(TemplateSource.BUNDLED);
        assertThat(host.dir()).startsWith(tmp.resolve("cache"));
        assertThat(host.dir().getParent().getFileName().toString()).hasSize(16);
        assertThat(host.dir().resolve(ServerLauncher.SERVER_SCRIPT)).isExecutable();
        assertThat(host.dir().resolve("README.md")).hasContent("doc");
    }

    @Test
    void changedTemplateContentGoesToANewDirAndSameContentIsReused() throws Exception {
        Path first = locator(Optional.empty()).locate("host", null).dir();
        Path again = locator(Optional.empty()).locate("host", null).dir();
        Files.writeString(bundledSource.resolve("host/README.md"), "changed");
        Path changed = locator(Optional.empty()).locate("host", null).dir();

        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
        assertThat(changed.resolve("README.md")).hasContent("changed");
    }

    @Test
    void tvmPlatformsAreFoundButABundledOneWinsItsName() throws Exception {
        TemplateLocator locator = locator(Optional.of(tvm));

        assertThat(locator.locate("zephyr", null).source()).isEqualTo(TemplateSource.TVM);
        assertThat(locator.locate("zephyr", null).dir()).isEqualTo(tvm.resolve("zephyr"));
        assertThat(locator.locate("host", null).source()).isEqualTo(TemplateSource.BUNDLED);
    }

    @Test
    void aTemplateDirWinsOverThePlatform() throws Exception {
        Path mine = tmp.resolve("mine");
        server(mine, ServerLauncher.SERVER_SCRIPT);

        Template t = locator(Optional.of(tvm)).locate("zephyr", mine);

        assertThat(t.source()).isEqualTo(TemplateSource.USER);
        assertThat(t.dir()).isEqualTo(mine);
        assertThat(t.platform()).isNull();
    }

    @Test
    void anUnknownPlatformListsThePlatformsFound() throws Exception {
        assertThatThrownBy(() -> locator(Optional.of(tvm)).locate("arduino", null))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("Unknown platform 'arduino'")
                .hasMessageContaining("host (bundled with the plugin), zephyr (from TVM)")
                .satisfies(e -> assertThat(((MicroTvmException) e).setting()).contains(Setting.TEMPLATE_DIR));
    }

    @Test
    void aMistypedPlatformGetsADidYouMean() throws Exception {
        assertThatThrownBy(() -> locator(Optional.of(tvm)).locate("zephir", null))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("Unknown platform 'zephir'. Did you mean 'zephyr'?");
        assertThatThrownBy(() -> locator(Optional.of(tvm)).locate("arduino", null))
                .hasMessageNotContaining("Did you mean");
    }

    @Test
    void aTemplateDirWithoutServerOrMissingIsAClearError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> locator(Optional.empty()).locate(null, empty))
                .hasMessageContaining("holds no Project API server")
                .hasMessageContaining(ServerLauncher.LAUNCH_SCRIPT);
        assertThatThrownBy(() -> locator(Optional.empty()).locate(null, tmp.resolve("nope")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void installedTvmIsFoundNextToALibraryOnTvmLibraryPathOrUnderTvmHome() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("tvm/build"));
        Files.writeString(lib.resolve("libtvm.so"), "");

        assertThat(TemplateLocator.findInstalledTvm(Map.of("TVM_LIBRARY_PATH", lib.resolve("libtvm.so").toString())))
                .contains(tvm.toAbsolutePath().normalize());
        assertThat(TemplateLocator.findInstalledTvm(Map.of("TVM_HOME", tmp.resolve("tvm").toString())))
                .contains(tvm.toAbsolutePath().normalize());
        assertThat(TemplateLocator.findInstalledTvm(Map.of())).isEmpty();
    }
}
