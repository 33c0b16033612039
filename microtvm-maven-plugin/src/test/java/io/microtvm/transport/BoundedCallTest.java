package io.microtvm.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The deadline a blocking call gets, and giving up on one that is stuck for good. */
class BoundedCallTest {

    @Test
    void aCallPastItsDeadlineIsATimeout() {
        CountDownLatch never = new CountDownLatch(1);
        try (BoundedCall call = new BoundedCall("test")) {
            assertThatThrownBy(() -> call.run(never::await, Duration.ofMillis(50)))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aFailingCallReportsItsCause() {
        try (BoundedCall call = new BoundedCall("test")) {
            assertThatThrownBy(() -> call.run(() -> {
                throw new IllegalStateException("boom");
            }, Duration.ofSeconds(5))).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
        }
    }

    /**
     * A stuck call that ignores interrupts (a native open holding a lock) is given up without the
     * caller waiting for it; the closing action runs once it returns.
     */
    @Test
    void abandoningAStuckCallDoesNotWaitForItAndClosesOnceItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        BoundedCall call = new BoundedCall("test");
        assertThatThrownBy(() -> call.run(() -> awaitUninterruptibly(release), Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class);

        call.abandon(closed::countDown);

        assertThat(closed.getCount()).as("the close waits for the stuck call").isEqualTo(1);
        release.countDown();
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("the close ran after the stuck call returned").isTrue();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
