package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.report.DeviceTimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTimeLimitTest {

    @ParameterizedTest
    @CsvSource({"5ms, 5e-3", "800us, 8e-4", "800µs, 8e-4", "2s, 2", "412ns, 4.12e-7", "1.5 ms, 1.5e-3",
            "2.5e3us, 2.5e-3", "0.25s, 0.25"})
    void durationsAreSeconds(String given, double seconds) throws Exception {
        DeviceTimeLimit limit = DeviceTimeLimit.parse(given);

        assertThat(limit.counts()).isEqualTo(DeviceTimeUnit.SECONDS);
        assertThat(limit.value()).isCloseTo(seconds, within(seconds * 1e-12));
        assertThat(limit.given()).isEqualTo(given);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20000000instructions", "20_000_000 instructions", "20,000,000instructions", "2e7instructions"})
    void countsAreInstructions(String given) throws Exception {
        DeviceTimeLimit limit = DeviceTimeLimit.parse(given);

        assertThat(limit.counts()).isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(limit.value()).isEqualTo(2e7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "ms", "5 parsecs", "-5ms", "0ms", "5ms extra", "five ms"})
    void anythingElseIsAnErrorNamingThePropertyAndTheForms(String given) {
        assertThatThrownBy(() -> DeviceTimeLimit.parse(given))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.MAX_DEVICE_TIME))
                .hasMessageContaining("5ms, 800us, 2s or 412ns")
                .hasMessageContaining("20000000instructions")
                .hasMessageContaining("got '" + given + "'");
    }
}
