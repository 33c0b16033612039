package io.microtvm.npz;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} file is not something this package can read, e.g.
 * {@code sine.inputs.npz: entry 'input.npy': shape is not a tuple: "{...}"}. The message names the
 * file (and entry), says what is wrong and, where it helps, what is supported.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    public NpyFormatException(String source, String problem, Throwable cause) {
        this(source, problem);
        initCause(cause);
    }

    /** The file, or file and entry, that failed, e.g. {@code sine.inputs.npz: entry 'input.npy'}. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source. */
    public String problem() {
        return problem;
    }
}
