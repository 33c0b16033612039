package io.microtvm.run.hostdriven;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.BuildLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTimerNoteTest {
    final List<String> lines = new ArrayList<>();
    final BuildLog collecting = new BuildLog() {
        @Override public void debug(String m) { lines.add("DEBUG " + m); }
        @Override public void info(String m) { lines.add("INFO " + m); }
        @Override public void warn(String m) { lines.add("WARN " + m); }
        @Override public void error(String m) { lines.add("ERROR " + m); }
    };

    @Test
    void keepsWhatTheDeviceSaysItsTimerCountsAndPassesEveryLineOn() {
        DeviceTimerNote note = new DeviceTimerNote(collecting);
        note.info("[device] DumpMetadata:");
        assertThat(note.description()).isNull();

        note.info("[device] device timer: SysTick at 25 MHz: counts emulated instructions ");
        note.debug("d");
        note.warn("w");
        note.error("e");

        assertThat(note.description()).isEqualTo("SysTick at 25 MHz: counts emulated instructions");
        assertThat(lines).containsExactly("INFO [device] DumpMetadata:",
                "INFO [device] device timer: SysTick at 25 MHz: counts emulated instructions ", "DEBUG d", "WARN w",
                "ERROR e");
    }

    @Test
    void theSameTextFromTheHostIsNotTheDevicesWord() {
        DeviceTimerNote note = new DeviceTimerNote(collecting);
        note.info("device timer: something");
        assertThat(note.description()).isNull();
    }
}
