package io.microtvm.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} s reads {1}")
    @CsvSource(delimiter = '|', value = {
            "4.12e-7      | 412 ns",
            "1.16e-3      | 1.16 ms",
            "1.1649e-3    | 1.16 ms",
            "1.165e-3     | 1.17 ms",
            "2.3          | 2.30 s",
            "1            | 1.00 s",
            "0.5          | 500 ms",
            "4.12e-5      | 41.2 µs",
            "1e-6         | 1.00 µs",
            "1e-9         | 1.00 ns",
            "9.995e-4     | 1.00 ms",   // 999.5 µs rounds up into the next unit
            "9.9949e-4    | 999 µs",
            "9.995e-7     | 1.00 µs",
            "9.995e-10    | 1.00 ns",
            "0.9995       | 1.00 s",
            "999.4        | 999 s",
            "999.5        | 1,000 s",   // from 1000 s on: whole seconds
            "4321.4       | 4,321 s",
            "1e12         | 1,000,000,000,000 s",
            "4.12e-10     | 0.412 ns",  // below a nanosecond: still ns, three digits
            "4.12e-11     | 0.0412 ns",
            "-1.16e-3     | -1.16 ms",
    })
    void secondsReadInTheUnitThatFitsWithThreeSignificantDigits(double seconds, String expected) {
        assertThat(Quantities.seconds(seconds)).isEqualTo(expected);
    }

    @Test
    void zeroSecondsAndWhatWasNotMeasured() {
        assertThat(Quantities.seconds(0.0)).isEqualTo("0 s");
        assertThat(Quantities.seconds(-0.0)).isEqualTo("0 s");
        assertThat(Quantities.seconds(Double.NaN)).isEqualTo("not measured");
        assertThat(Quantities.seconds((Double) null)).isEqualTo("not measured");
        assertThat(Quantities.seconds(Double.valueOf(4.12e-7))).isEqualTo("412 ns");
        assertThat(Quantities.seconds(Double.POSITIVE_INFINITY)).isEqualTo("infinite s");
    }

    @ParameterizedTest(name = "{0} instructions read {1}")
    @CsvSource(delimiter = '|', value = {
            "0            | 0 instructions",
            "1            | 1 instruction",
            "2            | 2 instructions",
            "36920        | 36,920 instructions",
            "99999        | 99,999 instructions",
            "99999.4      | 99,999 instructions",
            "99999.5      | 100 k instructions",  // rounds to 100,000: the prefixed form
            "100000       | 100 k instructions",
            "123456       | 123 k instructions",
            "999499       | 999 k instructions",
            "999500       | 1.00 M instructions",
            "22700000     | 22.7 M instructions",
            "22749999     | 22.7 M instructions",
            "22750000     | 22.8 M instructions",
            "1.5e9        | 1.50 G instructions",
            "4.2e18       | 4.20 E instructions",
            "4.2e21       | 4200 E instructions", // beyond the last prefix: no wrap, no exception
    })
    void instructionCountsAreExactBelowAHundredThousandThenPrefixed(double count, String expected) {
        assertThat(Quantities.instructions(count)).isEqualTo(expected);
    }

    @Test
    void instructionsNotMeasured() {
        assertThat(Quantities.instructions(Double.NaN)).isEqualTo("not measured");
        assertThat(Quantities.instructions((Double) null)).isEqualTo("not measured");
    }

    @ParameterizedTest(name = "{0} bytes read {1}")
    @CsvSource(delimiter = '|', value = {
            "0                   | 0 bytes",
            "1                   | 1 byte",
            "1023                | 1023 bytes",
            "1024                | 1 KiB",
            "1025                | 1.0 KiB",
            "6246                | 6.1 KiB",
            "5936                | 5.8 KiB",
            "23856               | 23.3 KiB",
            "102348              | 99.9 KiB",
            "102349              | 100 KiB",   // 99.95 KiB would read 100.0: whole from there
            "174080              | 170 KiB",
            "174400              | 170 KiB",
            "1048063             | 1023 KiB",
            "1048064             | 1.0 MiB",   // 1023.5 KiB rounds to 1024 KiB: the next unit
            "4194304             | 4 MiB",
            "524288              | 512 KiB",
            "1073741824          | 1 GiB",
            "9223372036854775807 | 8.0 EiB",
            "-1536               | -1.5 KiB",
            "-9223372036854775808 | -8 EiB",
    })
    void sizesReadInBinaryUnits(long bytes, String expected) {
        assertThat(Quantities.bytes(bytes)).isEqualTo(expected);
    }

    @Test
    void aSizeThatRoundsToTheNextUnitReadsInIt() {
        // 1048575 bytes = 1023.999 KiB: "1024 KiB" would be the next unit's 1.0
        assertThat(Quantities.bytes(1048575)).isEqualTo("1.0 MiB");
        assertThat(Quantities.bytes((Long) null)).isEqualTo("not measured");
    }

    @Test
    void percentagesHaveOneDecimalAndAUsedResourceNeverReadsZero() {
        assertThat(Quantities.percent(174080, 4194304)).isEqualTo("4.2 %");
        assertThat(Quantities.percent(1, 8)).isEqualTo("12.5 %");
        assertThat(Quantities.percent(0, 8)).isEqualTo("0.0 %");
        assertThat(Quantities.percent(1, 1_000_000)).isEqualTo("<0.1 %");
        assertThat(Quantities.percent(9, 8)).isEqualTo("112.5 %");
        assertThat(Quantities.percent(1, 0)).isEqualTo("not measured");
        assertThat(Quantities.percent(Double.NaN, 8)).isEqualTo("not measured");
    }

    @Test
    void aSizeAgainstItsCapacity() {
        assertThat(Quantities.bytesOf("flash", 172032, 4194304L)).isEqualTo("flash 168 KiB of 4 MiB (4.1 %)");
        assertThat(Quantities.bytesOf("flash", 5936, 4194304L)).isEqualTo("flash 5.8 KiB of 4 MiB (0.1 %)");
        assertThat(Quantities.bytesOf("RAM", 23856, 4194304L)).isEqualTo("RAM 23.3 KiB of 4 MiB (0.6 %)");
        assertThat(Quantities.bytesOf("RAM", 600000, 524288L)).isEqualTo("RAM 586 KiB of 512 KiB (114.4 %)");
        assertThat(Quantities.bytesOf("flash", 6246, null)).isEqualTo("flash 6.1 KiB");
        assertThat(Quantities.bytesOf("flash", 6246, 0L)).isEqualTo("flash 6.1 KiB");
    }
}
