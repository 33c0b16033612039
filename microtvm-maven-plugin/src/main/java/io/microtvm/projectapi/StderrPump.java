package io.microtvm.projectapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drains a server's stderr on a daemon thread, line by line, into the caller's sink, and keeps the
 * last lines for error messages. It must keep reading no matter what: a full stderr pipe would
 * block the server (and the build tools it runs) forever (docs/project-api.md, case A6).
 */
final class StderrPump {

    /** Enough to show a compiler error or a Python traceback when the server dies. */
    static final int TAIL_LINES = 50;
    // longer lines are split rather than buffered whole: build tools can print megabytes per line
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
    private final Thread thread;

    StderrPump(InputStream stderr, Consumer<String> sink, String threadName) {
        thread = new Thread(() -> pump(stderr, sink), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream stderr, Consumer<String> sink) {
        BoundedLineReader reader = new BoundedLineReader(stderr, MAX_LINE_BYTES);
        try {
            for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
                // lenient decoding: stderr is for people, a stray byte must not stop the drain
                String text = new String(line.bytes(), StandardCharsets.UTF_8);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                remember(text);
                try {
                    sink.accept(text);
                } catch (RuntimeException e) {
                    // a failing sink must not stop the drain either; the line is still in the tail
                }
            }
        } catch (IOException e) {
            // the pipe broke: the process is gone, nothing more to drain
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The last lines seen, oldest first. */
    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    /** Waits until the stream ended (all writers gone), at most {@code timeout}. */
    boolean awaitEnd(Duration timeout) {
        return ThreadEnd.awaitWithin(thread, timeout);
    }
}
