package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.transport.DeviceException;
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

    /** A step that fails {@code failures} times with a transient failure, then returns "done". */
    private RetryPolicy.Attempt<String, MicroTvmException> failing(int failures) {
        return failing(failures, true);
    }

    private RetryPolicy.Attempt<String, MicroTvmException> failing(int failures, boolean transientFailure) {
        return () -> {
            int n = attempts.incrementAndGet();
            if (n <= failures) {
                throw new DeviceException(Fault.DEVICE, "failure " + n, null, transientFailure, null);
            }
            return "done";
        };
    }

    @Test
    void aStepThatRecoversWithinTheRetriesSucceedsAndEachFailureIsLogged() throws Exception {
        String result = new RetryPolicy(2, Duration.ZERO).run("opening the port", failing(2), log);

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(warnings).containsExactly(
                "Opening the port failed (attempt 1 of 3): failure 1; retrying in 0 s",
                "Opening the port failed (attempt 2 of 3): failure 2; retrying in 0 s");
    }

    @Test
    void retriesAreBoundedAndTheLastFailureCarriesTheEarlierOnes() {
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(1)).run("flashing", failing(10), log))
                .hasMessage("failure 3")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("failure 1", "failure 2"));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aFailureThatIsNotTransientFailsAtOnce() {
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ZERO).run("flashing", failing(10, false), log))
                .hasMessage("failure 1");
        assertThat(attempts).hasValue(1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFailureOutsideTheCoreIsNeverRetried() {
        RetryPolicy.Attempt<String, IOException> io = () -> {
            attempts.incrementAndGet();
            throw new IOException("disk full");
        };

        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ZERO).run("writing", io, log)).hasMessage("disk full");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void noRetriesRunsTheStepOnce() {
        assertThatThrownBy(() -> RetryPolicy.NONE.run("flashing", failing(1), log)).hasMessage("failure 1");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aBugIsNoTransientFailure() {
        RetryPolicy.Attempt<String, MicroTvmException> buggy = () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bug");
        };

        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO).run("flashing", buggy, log))
                .isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void negativeSettingsAreTheUsersToFixAndNameTheirSetting() {
        assertThatThrownBy(() -> RetryPolicy.of(-1, Duration.ZERO))
                .isInstanceOfSatisfying(MicroTvmException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.CONFIGURATION);
                    assertThat(e.setting()).contains(Setting.RETRIES);
                })
                .hasMessage("The number of retries must be 0 or more; got -1.");
        assertThatThrownBy(() -> RetryPolicy.of(1, Duration.ofSeconds(-1)))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.RETRY_DELAY))
                .hasMessageContaining("seconds; got -1.0.");
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
