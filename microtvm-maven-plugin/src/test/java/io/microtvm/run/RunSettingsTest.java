package io.microtvm.run;

import static io.microtvm.SettingNames.PLAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.Setting;
import io.microtvm.SettingNames;
import io.microtvm.Step;
import io.microtvm.project.ProjectException;
import org.junit.jupiter.api.Test;

/** The run's settings are checked once, here, before any project or device, each failure naming its setting. */
class RunSettingsTest {

    @Test
    void goodSettingsAreParsed() throws Exception {
        RunSettings s = RunSettings.check("zeros", 3, 0, "host-driven", "5ms", PLAIN);

        assertThat(s.fillMode()).isEqualTo(FillMode.ZEROS);
        assertThat(s.repeat()).isEqualTo(3);
        assertThat(s.hostFiles().covers(1)).isTrue();
        assertThat(s.protocol()).isEqualTo(RunProtocol.HOST_DRIVEN);
        assertThat(s.limit().given()).isEqualTo("5ms");
        assertThat(RunSettings.check("random", 1, -1, null, " ", PLAIN).limit()).as("blank: no latency gate").isNull();
    }

    @Test
    void aRepeatBelowOneIsTheUsersToFixNamingTheSettingAsTheCallerNamesIt() {
        assertThatThrownBy(() -> RunSettings.check("random", 0, 16384, "auto", null, PLAIN))
                .isInstanceOf(ProjectException.class)
                .hasMessage("repeat must be at least 1, got 0.");
        SettingNames maven = new SettingNames() {
            @Override public String describe(Setting setting) {
                return "<" + setting + ">";
            }

            @Override public String where(Setting setting) {
                return "";
            }

            @Override public String name(Setting setting) {
                return "";
            }

            @Override public String key(Setting setting) {
                return "";
            }

            @Override public String describe(Step step) {
                return "";
            }
        };
        assertThatThrownBy(() -> RunSettings.check("random", -4, 16384, "auto", null, maven))
                .hasMessage("<REPEAT> must be at least 1, got -4.");
    }

    @Test
    void aBadFillModeOrHostFileThresholdIsTheUsersToFix() {
        assertThatThrownBy(() -> RunSettings.check("twos", 1, 16384, "auto", null, PLAIN))
                .isInstanceOf(ProjectException.class).hasMessageContaining("fillMode 'twos' is not one of");
        assertThatThrownBy(() -> RunSettings.check("ones", 1, -2, "auto", null, PLAIN))
                .isInstanceOf(ProjectException.class).hasMessageContaining("got -2");
    }
}
