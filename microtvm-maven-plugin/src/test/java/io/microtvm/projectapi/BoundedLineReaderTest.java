package io.microtvm.projectapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines split out of a stream that delivers any number of bytes per read, as a pipe does. */
class BoundedLineReaderTest {

    /** A stream that hands out at most {@code step} bytes per read. */
    private static InputStream inSteps(String text, int step) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
        return new InputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, Math.min(len, step));
            }
        };
    }

    private static List<String> lines(String text, int step, int maxLineBytes) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(inSteps(text, step), maxLineBytes);
        List<String> out = new ArrayList<>();
        for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
            out.add(new String(line.bytes(), StandardCharsets.US_ASCII) + (line.truncated() ? "<cut>" : ""));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 8192, 100_000})
    void linesComeOutWholeHoweverTheBytesArrive(int step) throws IOException {
        String longLine = "x".repeat(20_000);
        assertThat(lines("a\nbc\n\n" + longLine + "\nlast without newline", step, 1 << 20))
                .containsExactly("a", "bc", "", longLine, "last without newline");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 8192})
    void aLineLongerThanTheLimitIsCutAtTheLimitAndSaysSo(int step) throws IOException {
        assertThat(lines("0123456789\nok\n", step, 4)).startsWith("0123<cut>");
        assertThat(lines("0123\n", step, 4)).containsExactly("0123");
        assertThat(lines("x".repeat(9000) + "\n", step, 8500).get(0)).isEqualTo("x".repeat(8500) + "<cut>");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8192})
    void anEmptyStreamHasNoLines(int step) throws IOException {
        assertThat(lines("", step, 10)).isEmpty();
    }
}
