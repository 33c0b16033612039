package io.microtvm.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceTimeUnitTest {

    @Test
    void anIcountTimerCountsInstructionsAnyOtherSeconds() {
        // the qemu-arm template's names (boards.py timer_name), as HELLO and as the host-driven note
        assertThat(DeviceTimeUnit.ofTimer("SysTick at 25 MHz under QEMU -icount shift=0: counts emulated instructions"
                + " (40 per tick), not silicon cycles")).isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(DeviceTimeUnit.ofTimer("TVMPlatformTimerStart/Stop via runtime.RPCTimeEvaluator: SysTick at 25 MHz"
                + " under QEMU -icount shift=0: counts emulated instructions (40 per tick), not silicon cycles"))
                .isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(DeviceTimeUnit.ofTimer("SysTick at 25 MHz under QEMU without -icount: follows host time, varies"
                + " run to run")).isEqualTo(DeviceTimeUnit.SECONDS);
        assertThat(DeviceTimeUnit.ofTimer("clock_gettime(CLOCK_MONOTONIC)")).isEqualTo(DeviceTimeUnit.SECONDS);
        assertThat(DeviceTimeUnit.ofTimer(null)).isEqualTo(DeviceTimeUnit.SECONDS);
    }

    @Test
    void theReportFieldNamesTheUnit() {
        assertThat(DeviceTimeUnit.ofJson("instructions")).isEqualTo(DeviceTimeUnit.INSTRUCTIONS);
        assertThat(DeviceTimeUnit.ofJson("seconds")).isEqualTo(DeviceTimeUnit.SECONDS);
        assertThat(DeviceTimeUnit.ofJson(null)).isEqualTo(DeviceTimeUnit.SECONDS);
        assertThat(DeviceTimeUnit.INSTRUCTIONS.jsonName()).isEqualTo("instructions");
        assertThat(DeviceTimeUnit.SECONDS.jsonName()).isEqualTo("seconds");
    }

    @Test
    void oneVirtualNanosecondIsOneInstruction() {
        assertThat(DeviceTimeUnit.INSTRUCTIONS.format(0.0227)).isEqualTo("22.7 M instructions");
        assertThat(DeviceTimeUnit.INSTRUCTIONS.format(3.692e-5)).isEqualTo("36,920 instructions");
        assertThat(DeviceTimeUnit.INSTRUCTIONS.count(3.692e-5)).isEqualTo(36920.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(DeviceTimeUnit.SECONDS.format(0.0227)).isEqualTo("22.7 ms");
        assertThat(DeviceTimeUnit.SECONDS.count(0.0227)).isEqualTo(0.0227);
        assertThat(DeviceTimeUnit.INSTRUCTIONS.format((Double) null)).isEqualTo("not measured");
        assertThat(DeviceTimeUnit.INSTRUCTIONS.format(Double.NaN)).isEqualTo("not measured");
    }
}
