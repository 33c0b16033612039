package io.microtvm.projectapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/project-api.md, "Transport data in base85" and case B18: Python's b85encode, both ways. */
class Base85Test {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of(new byte[0], ""),
                Arguments.of(new byte[] {0}, "00"),
                Arguments.of("foo".getBytes(StandardCharsets.US_ASCII), "W^Zo"),
                Arguments.of(new byte[] {'f', 'o', 'o', 0x1b}, "W^ZpB"),
                Arguments.of(new byte[] {0, 0, 0, 0}, "00000"),
                Arguments.of(new byte[] {-1, -1, -1, -1}, "|NsC0"),
                Arguments.of(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "009C61O)~M2nh"),
                Arguments.of("hello world".getBytes(StandardCharsets.US_ASCII), "Xk~0{Zy<MXa%^M"),
                // short groups with high bytes (checked against Python): the padding must not leak
                Arguments.of(new byte[] {-1}, "{{"),
                Arguments.of(new byte[] {-1, -1, -1}, "|Ns9"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodesLikePython(byte[] bytes, String encoded) {
        assertThat(Base85.encode(bytes)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesLikePython(byte[] bytes, String encoded) {
        assertThat(Base85.decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void roundTripsEveryLengthAndByteValue() {
        Random random = new Random(42);
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Base85.decode(Base85.encode(data))).as("length %d", length).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"W^Z\"o", "W^Z o", "W^Zé", "00000,", "abc.de"})
    void rejectsCharactersOutsideTheAlphabet(String text) {
        assertThatThrownBy(() -> Base85.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base85");
    }

    @ParameterizedTest
    @ValueSource(strings = {"|NsC1", "~~~~~", "00000|NsC1"})
    void rejectsGroupsAboveTwoToTheThirtyTwo(String text) {
        assertThatThrownBy(() -> Base85.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds 2^32-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "000000"})
    void rejectsLengthsNoEncoderProduces(String text) {
        assertThatThrownBy(() -> Base85.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single character");
    }
}
