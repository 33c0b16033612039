package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The core's own names, which tests and any caller without names of its own see. */
class SettingNamesTest {

    @Test
    void plainNamesAreTheSettingInLowerCamelCaseAndTheStepWithDashes() {
        assertThat(SettingNames.PLAIN.describe(Setting.HOST_FILE_THRESHOLD)).isEqualTo("hostFileThreshold");
        assertThat(SettingNames.PLAIN.name(Setting.REPEAT)).isEqualTo("repeat");
        assertThat(SettingNames.PLAIN.where(Setting.SERIAL_PORT)).isEqualTo("setting serialPort");
        assertThat(SettingNames.PLAIN.key(Setting.MLF)).isEqualTo("mlf");
        assertThat(SettingNames.PLAIN.describe(Step.CREATE_PROJECT)).isEqualTo("create-project");
    }

    @Test
    void aLogNamesSettingsPlainlyUnlessItKnowsBetter() {
        assertThat(BuildLog.NONE.describe(Setting.MAX_RAM_BYTES)).isEqualTo("maxRamBytes");
        assertThat(BuildLog.NONE.describe(Step.LIST_OPTIONS)).isEqualTo("list-options");
    }
}
