package io.microtvm.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python process that writes back every line it reads: a line round trip over a pair of pipes,
 * with no JSON-RPC, no reader thread and no parsing, to set against a real Project API call.
 */
final class LineEcho implements AutoCloseable {

    // byte lines, flushed one by one, as the Project API server writes its replies
    private static final String ECHO_SCRIPT = String.join("\n",
            "import sys",
            "source, sink = sys.stdin.buffer, sys.stdout.buffer",
            "for line in iter(source.readline, b''):",
            "    sink.write(line)",
            "    sink.flush()",
            "");

    private final Process process;
    private final OutputStream toEcho;
    private final InputStream fromEcho;

    LineEcho(String python) throws IOException {
        process = new ProcessBuilder(List.of(python, "-c", ECHO_SCRIPT))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        toEcho = process.getOutputStream();
        fromEcho = new BufferedInputStream(process.getInputStream());
    }

    /** Sends {@code line} (which must end in a newline) and returns the line that comes back. */
    byte[] roundTrip(byte[] line) throws IOException {
        toEcho.write(line);
        toEcho.flush();
        ByteArrayOutputStream reply = new ByteArrayOutputStream(line.length);
        int b;
        while ((b = fromEcho.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the echo process closed its stdout");
            }
            reply.write(b);
        }
        reply.write('\n');
        return reply.toByteArray();
    }

    /** Closes its stdin, which ends its loop; kills it only if it does not exit soon after. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            toEcho.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            fromEcho.close();
        }
    }
}
