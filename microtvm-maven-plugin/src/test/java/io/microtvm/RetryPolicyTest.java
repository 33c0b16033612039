package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { }
        @Override public void info(String m) { }
        @Override public void warn(String m) { warnings.add(m); }
        @Override public void error(String m) { }
    };
    private final AtomicInteger attempts = new AtomicInteger();

    /** A step that fails {@code failures} times with an IOException, then returns "done". */
    private RetryPolicy.Attempt<String, IOException> failing(int failures) {
        return () -> {
            int n = attempts.incrementAndGet();
            if (n <= failures) {
                throw new IOException("failure " + n);
            }
            return "done";
        };
    }

    @Test
    void aStepThatRecoversWithinTheRetriesSucceedsAndEachFailureIsLogged() throws Exception {
        String result = new RetryPolicy(2, Duration.ZERO).run("opening the port", failing(2), e -> true, log);

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(warnings).containsExactly(
                "Opening the port failed (attempt 1 of 3): failure 1; retrying in 0 s (microtvm.retries, microtvm.retryDelay)",
                "Opening the port failed (attempt 2 of 3): failure 2; retrying in 0 s (microtvm.retries, microtvm.retryDelay)");
    }

    @Test
    void retriesAreBoundedAndTheLastFailureCarriesTheEarlierOnes() {
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(1)).run("flashing", failing(10), e -> true, log))
                .hasMessage("failure 3")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("failure 1", "failure 2"));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aFailureNotWorthRetryingFailsAtOnce() {
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ZERO).run("flashing", failing(10),
                e -> !e.getMessage().equals("failure 1"), log))
                .hasMessage("failure 1");
        assertThat(attempts).hasValue(1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void noRetriesRunsTheStepOnce() {
        assertThatThrownBy(() -> RetryPolicy.NONE.run("flashing", failing(1), e -> true, log)).hasMessage("failure 1");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aBugIsNoTransientFailure() {
        RetryPolicy.Attempt<String, IOException> buggy = () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bug");
        };

        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO).run("flashing", buggy, e -> true, log))
                .isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void negativeSettingsNameTheirProperty() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO)).hasMessageContaining("microtvm.retries");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1))).hasMessageContaining("microtvm.retryDelay");
    }
}
