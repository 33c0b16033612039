package io.microtvm.compile;

import io.microtvm.project.ProjectException;

/**
 * A compile that cannot be done as configured, or that TVM refused: no TVM importable, a bad
 * {@code compileOptions} entry, a model TVM cannot read. The message says what is wrong and what
 * to do. A {@link ProjectException}, so the goals report it as the user's to fix.
 */
public class CompileException extends ProjectException {
    public CompileException(String message) {
        super(message);
    }

    public CompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
