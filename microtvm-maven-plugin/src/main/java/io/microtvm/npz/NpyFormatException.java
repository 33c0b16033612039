package io.microtvm.npz;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;

/**
 * A {@code .npy} or {@code .npz} file is not something this package can read, e.g.
 * {@code sine.inputs.npz: entry 'input.npy': shape is not a tuple: "{...}"}. The message names the
 * file (and entry), says what is wrong and, where it helps, what is supported. The data is the
 * user's (inputs, expected outputs), so it is theirs to fix ({@link Fault#CONFIGURATION}).
 */
public class NpyFormatException extends MicroTvmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source  the file, or file and entry, that failed, e.g. {@code sine.inputs.npz: entry 'input.npy'}
     * @param problem what is wrong, without the source
     */
    public NpyFormatException(String source, String problem) {
        this(source, problem, null);
    }

    public NpyFormatException(String source, String problem, Throwable cause) {
        super(Fault.CONFIGURATION, source + ": " + problem, cause);
    }
}
