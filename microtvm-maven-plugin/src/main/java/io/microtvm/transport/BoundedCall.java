package io.microtvm.transport;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives a blocking call (a write, a port open) a deadline. Neither a serial port on Linux nor a
 * socket stream can time out a write, so the call runs on a worker thread; if the deadline passes,
 * the caller closes the channel, which is the only way to unblock the worker.
 */
final class BoundedCall implements AutoCloseable {

    /** The blocking call; the worker runs it. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final ExecutorService worker;

    BoundedCall(String threadName) {
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            // a call abandoned on a dead device must never keep Maven's JVM alive
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code action} and waits for it at most {@code timeout}.
     *
     * @throws TimeoutException   the deadline passed with the action still running; close the channel
     * @throws ExecutionException the action failed; its cause says why
     */
    void run(Action action, Duration timeout) throws TimeoutException, ExecutionException, InterruptedException {
        Future<Void> done = worker.submit(() -> {
            action.run();
            return null;
        });
        try {
            done.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            done.cancel(true);
            throw e;
        }
    }

    /**
     * Gives up on a call still stuck in the worker without waiting for it: {@code last} (closing the
     * channel) runs on the worker once the stuck call returns, if it ever does. For calls that hold
     * a lock the channel's close needs (jSerialComm's openPort), where closing from the caller's
     * thread would block until the stuck call ends.
     */
    void abandon(Action last) {
        worker.submit(() -> {
            last.run();
            return null;
        });
        worker.shutdown();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
