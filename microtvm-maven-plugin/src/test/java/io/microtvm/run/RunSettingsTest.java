package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import org.junit.jupiter.api.Test;

/** The run's settings are checked once, here, before any project or device, each failure naming its setting. */
class RunSettingsTest {

    @Test
    void goodSettingsAreParsed() throws Exception {
        RunSettings s = RunSettings.check("zeros", 3, 0, "host-driven", "5ms");

        assertThat(s.fillMode()).isEqualTo(FillMode.ZEROS);
        assertThat(s.repeat()).isEqualTo(3);
        assertThat(s.hostFiles().covers(1)).isTrue();
        assertThat(s.protocol()).isEqualTo(RunProtocol.HOST_DRIVEN);
        assertThat(s.limit().given()).isEqualTo("5ms");
        assertThat(RunSettings.check("random", 1, -1, null, " ").limit()).as("blank: no latency gate").isNull();
    }

    @Test
    void aRepeatBelowOneIsTheUsersToFixCarryingTheSettingForTheCallerToName() {
        assertThatThrownBy(() -> RunSettings.check("random", 0, 16384, "auto", null))
                .isInstanceOf(MicroTvmException.class)
                .hasMessage("The number of runs must be at least 1, got 0.")
                .satisfies(e -> {
                    assertThat(((MicroTvmException) e).fault()).isEqualTo(Fault.CONFIGURATION);
                    assertThat(((MicroTvmException) e).setting()).contains(Setting.REPEAT);
                });
    }

    @Test
    void aBadFillModeOrHostFileThresholdIsTheUsersToFix() {
        assertThatThrownBy(() -> RunSettings.check("twos", 1, 16384, "auto", null))
                .isInstanceOf(MicroTvmException.class).hasMessageContaining("fill mode 'twos' is not one of")
                .satisfies(e -> assertThat(((MicroTvmException) e).fault()).isEqualTo(Fault.CONFIGURATION))
                .satisfies(e -> assertThat(((MicroTvmException) e).setting()).contains(Setting.FILL_MODE));
        assertThatThrownBy(() -> RunSettings.check("ones", 1, -2, "auto", null))
                .isInstanceOf(MicroTvmException.class).hasMessageContaining("got -2")
                .satisfies(e -> assertThat(((MicroTvmException) e).setting()).contains(Setting.HOST_FILE_THRESHOLD));
    }
}
