package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aDeadlineCountedFromAnEarlierMomentHasUsedThatTimeAlready() {
        long anHourAgo = System.nanoTime() - Duration.ofHours(1).toNanos();
        assertThat(Deadline.counted(anHourAgo, Duration.ofMinutes(30), "x").passed()).isTrue();
        assertThat(Deadline.counted(anHourAgo, Duration.ofHours(3), "x").remaining())
                .isLessThanOrEqualTo(Duration.ofHours(2));
    }

    @Test
    void atMostKeepsTheEarlierEndAndWhatItWaitsFor() {
        Deadline day = Deadline.after(Duration.ofDays(1), "the reply to 'build'");
        Deadline shorter = day.atMost(Duration.ofSeconds(1));
        assertThat(shorter.remaining()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(shorter.waitingFor()).isEqualTo("the reply to 'build'");
        assertThat(day.atMost(Duration.ofDays(2))).isSameAs(day);
    }

    @Test
    void itsTimeoutMessageSaysWhatItWaitedForAndHowLong() {
        assertThat(Deadline.after(Duration.ofSeconds(600), "reply to 'build'").missed())
                .isEqualTo("no reply to 'build' within 600 s");
        assertThat(Deadline.after(Duration.ofMillis(1500), "StartSessionReply").missed())
                .isEqualTo("no StartSessionReply within 1.5 s");
        assertThat(Deadline.after(Duration.ofMillis(250)).missed()).isEqualTo("no answer within 250 ms");
    }

    @Test
    void aZeroOrNegativeBudgetHasPassedAndAnEndlessOneNeverOverflows() {
        assertThat(Deadline.after(Duration.ZERO).passed()).isTrue();
        assertThat(Deadline.after(Duration.ofSeconds(-5)).passed()).isTrue();
        Deadline forever = Deadline.after(ChronoUnit.FOREVER.getDuration(), "x");
        assertThat(forever.passed()).isFalse();
        assertThat(forever.remaining()).isGreaterThan(Duration.ofDays(365 * 50));
        assertThat(forever.budget()).isEqualTo(ChronoUnit.FOREVER.getDuration());
    }
}
