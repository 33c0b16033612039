package io.microtvm.compile;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;

/**
 * A compile that cannot be done as configured, or that TVM refused: no TVM importable, a bad
 * {@code compileOptions} entry, a model TVM cannot read. The message says what is wrong and what
 * to do; the user's to fix ({@link Fault#CONFIGURATION}).
 */
public class CompileException extends MicroTvmException {
    private static final long serialVersionUID = 1L;

    /** @param setting the setting that fixes it, or null when the message says what to do */
    public CompileException(String message, Throwable cause, Setting setting) {
        this(message, cause, setting, null);
    }

    private CompileException(String message, Throwable cause, Setting setting, Step missingStep) {
        super(Fault.CONFIGURATION, message, cause, false, setting, missingStep);
    }

    /** Fixed by running {@code step} first, or else by {@code setting}. */
    static CompileException stepNotRun(String message, Step step, Setting setting) {
        return new CompileException(message, null, setting, step);
    }
}
