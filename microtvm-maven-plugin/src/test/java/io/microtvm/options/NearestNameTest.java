package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    private static final List<String> ZEPHYR_NAMES = List.of("verbose", "project_type", "board", "cmsis_path",
            "west_cmd", "zephyr_base", "workspace_size_bytes", "config_main_stack_size", "serial_number");

    @Test
    void countsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(NearestName.distance("board", "board")).isZero();
        assertThat(NearestName.distance("verbos", "verbose")).isEqualTo(1);
        assertThat(NearestName.distance("baord", "board")).isEqualTo(1);
        assertThat(NearestName.distance("qemu_x87", "qemu_x86")).isEqualTo(1);
        assertThat(NearestName.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsCloseNamesIgnoringCase() {
        assertThat(NearestName.among("baord", ZEPHYR_NAMES)).contains("board");
        assertThat(NearestName.among("VERBOSE", ZEPHYR_NAMES)).contains("verbose");
        assertThat(NearestName.among("zephyr-base", ZEPHYR_NAMES)).contains("zephyr_base");
        assertThat(NearestName.among("workspace_size_byte", ZEPHYR_NAMES)).contains("workspace_size_bytes");
        // long names tolerate a whole missing part: 5 edits of 22 characters
        assertThat(NearestName.among("config_stack_size", ZEPHYR_NAMES)).contains("config_main_stack_size");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(NearestName.among("port", ZEPHYR_NAMES)).isEmpty();
        assertThat(NearestName.among("brd", ZEPHYR_NAMES)).isEmpty();
        assertThat(NearestName.among("workspace", ZEPHYR_NAMES)).isEmpty();
        // 6 edits of 13 characters: too far
        assertThat(NearestName.among("serial_port", ZEPHYR_NAMES)).isEmpty();
        // 2 edits of 5 characters
        assertThat(NearestName.among("bird", List.of("board"))).isEmpty();
        assertThat(NearestName.among("x", List.of())).isEmpty();
    }

    @Test
    void prefersTheSmallestDistanceThenTheFirstCandidate() {
        assertThat(NearestName.among("abcd", List.of("abxy", "abce", "abcf"))).contains("abce");
    }
}
