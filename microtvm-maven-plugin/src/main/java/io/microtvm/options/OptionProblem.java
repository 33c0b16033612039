package io.microtvm.options;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One thing wrong with the options given for one Project API call, with its parts kept apart so
 * callers and tests need not parse {@link #message()}.
 *
 * @param kind       what is wrong
 * @param option     the option name as declared, or as given when it is unknown
 * @param given      the value as given; {@code null} for {@link Kind#MISSING_REQUIRED}
 * @param expected   what was expected, e.g. "a bool: true or false", "one of the declared choices"
 * @param allowed    the choices (wrong value, missing option) or the declared names (unknown
 *                   option); empty when anything of the expected type would do
 * @param suggestion the nearest choice or declared name when one is close, else {@code null}
 * @param message    the complete one-line text, starting with {@code option '<name>':}
 */
public record OptionProblem(
        Kind kind,
        String option,
        String given,
        String expected,
        List<String> allowed,
        String suggestion,
        String message) implements Serializable {

    public enum Kind {
        /** The value cannot be read as the declared type. */
        WRONG_TYPE,
        /** The value is of the right type but not one of the declared choices. */
        NOT_A_CHOICE,
        /** No declared option has this name. */
        UNKNOWN_OPTION,
        /** The option is required for this method and was not given. */
        MISSING_REQUIRED
    }

    public OptionProblem {
        allowed = List.copyOf(allowed);
    }

    public Optional<String> suggestionIfAny() {
        return Optional.ofNullable(suggestion);
    }

    @Override
    public String toString() {
        return message;
    }
}
