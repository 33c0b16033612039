package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.projectapi.RequiredTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolAvailabilityTest {
    static final Path REPO = HostTemplateWorkflowTest.REPO;

    @TempDir
    Path tmp;

    private static final List<RequiredTool> QEMU_ARM_LIKE = List.of(
            new RequiredTool("make", null, List.of("build")),
            new RequiredTool("{toolchain_prefix}gcc", "arm-none-eabi-gcc", List.of("build")),
            new RequiredTool("{qemu}", "qemu-system-arm", List.of("open_transport")));

    /** A PATH of one dir holding executables named {@code names}. */
    private String pathWith(String... names) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String name : names) {
            Path f = Files.writeString(bin.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin + File.pathSeparator + tmp.resolve("nothing-here");
    }

    @Test
    void everythingOnThePathIsNotMissing() throws Exception {
        String path = pathWith("make", "arm-none-eabi-gcc", "qemu-system-arm");
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of(), path)).isEmpty();
    }

    @Test
    void aMissingDefaultToolIsNamedWithTheOptionThatChoosesItAndWhatNeedsIt() throws Exception {
        String path = pathWith("make", "arm-none-eabi-gcc");
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of(), path))
                .containsExactly("qemu-system-arm (option qemu unset; for open_transport)");
    }

    @Test
    void optionsChooseTheToolLookedFor() throws Exception {
        String path = pathWith("make", "arm-none-eabi-gcc", "qemu-system-arm", "my-arm-gcc");
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of("toolchain_prefix", "my-arm-",
                "qemu", "no-such-qemu -d guest_errors"), path))
                .containsExactly("no-such-qemu (option qemu; for open_transport)");
        Path absolute = tmp.resolve("bin/qemu-system-arm");
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of("qemu", absolute.toString()), path)).isEmpty();
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of("qemu", "/nope/qemu"), path))
                .containsExactly("/nope/qemu (option qemu; for open_transport)");
    }

    @Test
    void anEmptyPathLacksEverything() {
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of(), "")).hasSize(3).first().isEqualTo("make (for build)");
        assertThat(ToolAvailability.missing(QEMU_ARM_LIKE, Map.of(), null)).hasSize(3);
    }

    @Test
    void theBundledTemplatesDeclareTheirToolsAndTheCheckNamesAMissingOne() throws Exception {
        var settings = new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(30), line -> { });
        assertThat(ToolAvailability.check(REPO.resolve("templates/host"), Map.of("cc", "no-such-cc"), settings,
                "platform 'host'")).contains("platform 'host' needs no-such-cc (option cc; for build), not found on PATH");
        assertThat(ToolAvailability.check(REPO.resolve("templates/qemu-arm"), Map.of("qemu", "no-such-qemu"), settings,
                "platform 'qemu-arm'")).hasValueSatisfying(m -> assertThat(m).contains("no-such-qemu (option qemu;"
                + " for open_transport)"));
    }
}
