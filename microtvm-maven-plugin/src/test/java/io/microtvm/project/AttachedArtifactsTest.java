package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttachedArtifactsTest {
    @Test
    void classifiersNameTheExecutionAndWhatTheFileIs() {
        assertThat(AttachedArtifacts.FIRMWARE.classifier("board")).isEqualTo("board-firmware");
        assertThat(AttachedArtifacts.FOOTPRINT.classifier("mps2-an386")).isEqualTo("mps2-an386-footprint");
        assertThat(AttachedArtifacts.REPORT.classifier("on-device")).isEqualTo("on-device-report");
    }

    @Test
    void theUnnamedExecutionIsDefaultAndOddCharactersBecomeUnderscores() {
        assertThat(AttachedArtifacts.FIRMWARE.classifier("default")).isEqualTo("default-firmware");
        assertThat(AttachedArtifacts.FIRMWARE.classifier(null)).isEqualTo("default-firmware");
        assertThat(AttachedArtifacts.REPORT.classifier(" ")).isEqualTo("default-report");
        assertThat(AttachedArtifacts.REPORT.classifier("nightly run/2")).isEqualTo("nightly_run_2-report");
    }
}
