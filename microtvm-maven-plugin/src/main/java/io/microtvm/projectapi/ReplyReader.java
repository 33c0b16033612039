package io.microtvm.projectapi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads reply lines from the server on a daemon thread and queues them, so that a caller can
 * wait for a reply with a deadline (a blocking read on a pipe cannot be given one).
 */
final class ReplyReader {

    /** What the reader saw on the reply pipe. */
    sealed interface Event permits Line, TooLong, End {
    }

    /** One complete reply line, without its newline. */
    record Line(byte[] bytes) implements Event {
    }

    /** A line ran past the limit; the reader stopped reading. */
    record TooLong(int limit) implements Event {
    }

    /** The pipe reached EOF (failure null) or broke; the reader stopped. */
    record End(IOException failure) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread thread;

    ReplyReader(InputStream replies, int maxLineBytes, String threadName) {
        thread = new Thread(() -> read(replies, maxLineBytes), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void read(InputStream replies, int maxLineBytes) {
        BoundedLineReader reader = new BoundedLineReader(replies, maxLineBytes);
        try {
            for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (line.truncated()) {
                    events.add(new TooLong(maxLineBytes));
                    return;
                }
                events.add(new Line(line.bytes()));
            }
            events.add(new End(null));
        } catch (IOException e) {
            events.add(new End(e));
        }
    }

    /** The next event, or null when none arrived within {@code timeoutNanos}. */
    Event poll(long timeoutNanos) throws InterruptedException {
        return events.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    boolean awaitEnd(Duration timeout) {
        return ThreadEnd.awaitWithin(thread, timeout);
    }
}
