package io.microtvm.projectapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a formatted Python traceback says about the exception that ended it. The Project API
 * server sends the traceback as {@code data.traceback}; its final block
 * {@code module.ExceptionType: text} is the part a person needs to see.
 *
 * @param text          the whole traceback, possibly empty
 * @param exceptionType the exception's type as Python printed it, e.g. {@code subprocess.CalledProcessError};
 *                      empty when the text does not look like a traceback
 * @param exceptionText the exception's message, possibly several lines, possibly empty
 */
public record PythonTraceback(String text, String exceptionType, String exceptionText) {

    private static final Pattern EXCEPTION_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)(?::(?: (.*))?)?");

    public static PythonTraceback parse(String text) {
        if (text == null || text.isBlank()) {
            return new PythonTraceback("", "", "");
        }
        String[] lines = text.split("\r?\n", -1);
        // The exception block follows the last indented line (a frame or its source line); looking
        // there rather than at the very last line keeps multi-line messages whole.
        int start = 0;
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith(" ") || lines[i].startsWith("\t")) {
                start = i + 1;
                break;
            }
        }
        while (start < lines.length && lines[start].isBlank()) {
            start++;
        }
        if (start >= lines.length) {
            return new PythonTraceback(text, "", "");
        }
        Matcher m = EXCEPTION_LINE.matcher(lines[start]);
        if (!m.matches()) {
            return new PythonTraceback(text, "", "");
        }
        StringBuilder message = new StringBuilder(m.group(2) == null ? "" : m.group(2));
        for (int i = start + 1; i < lines.length; i++) {
            message.append('\n').append(lines[i]);
        }
        return new PythonTraceback(text, m.group(1), message.toString().stripTrailing());
    }

    /** The exception type without its module, e.g. {@code CalledProcessError}. */
    public String simpleExceptionType() {
        int dot = exceptionType.lastIndexOf('.');
        return dot < 0 ? exceptionType : exceptionType.substring(dot + 1);
    }

    /** {@code Type: message} with the simple type name, as a one-line summary when possible. */
    public String exceptionLine() {
        return exceptionText.isEmpty() ? simpleExceptionType() : simpleExceptionType() + ": " + exceptionText;
    }
}
