package io.microtvm.projectapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonTracebackTest {

    @Test
    void findsTheExceptionOfAServerSideTraceback() {
        PythonTraceback tb = PythonTraceback.parse("""
                Traceback (most recent call last):
                  File "server.py", line 530, in _dispatch  # <--- Outermost server-side stack frame
                    return_value = dispatch_method(**params)
                  File "microtvm_api_server.py", line 12, in build
                    subprocess.check_call(["make"])
                subprocess.CalledProcessError: Command '['make']' returned non-zero exit status 2.
                """);
        assertThat(tb.exceptionType()).isEqualTo("subprocess.CalledProcessError");
        assertThat(tb.simpleExceptionType()).isEqualTo("CalledProcessError");
        assertThat(tb.exceptionText()).isEqualTo("Command '['make']' returned non-zero exit status 2.");
        assertThat(tb.exceptionLine())
                .isEqualTo("CalledProcessError: Command '['make']' returned non-zero exit status 2.");
    }

    @Test
    void keepsMultiLineMessagesAndTakesTheLastOfChainedExceptions() {
        PythonTraceback tb = PythonTraceback.parse("""
                Traceback (most recent call last):
                  File "a.py", line 1, in f
                KeyError: 'west_cmd'

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "a.py", line 3, in g
                RuntimeError: first line
                second line""");
        assertThat(tb.exceptionType()).isEqualTo("RuntimeError");
        assertThat(tb.exceptionText()).isEqualTo("first line\nsecond line");
    }

    @Test
    void exceptionWithoutMessage() {
        PythonTraceback tb = PythonTraceback.parse("Traceback (most recent call last):\n  File \"a\", line 1\n"
                + "server.IoTimeoutError\n");
        assertThat(tb.simpleExceptionType()).isEqualTo("IoTimeoutError");
        assertThat(tb.exceptionLine()).isEqualTo("IoTimeoutError");
    }

    @Test
    void toleratesTextThatIsNoTraceback() {
        assertThat(PythonTraceback.parse(null).exceptionType()).isEmpty();
        assertThat(PythonTraceback.parse("").exceptionType()).isEmpty();
        assertThat(PythonTraceback.parse("  only indented\n").exceptionType()).isEmpty();
        assertThat(PythonTraceback.parse("two words, no exception").exceptionType()).isEmpty();
    }
}
