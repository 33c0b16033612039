package io.microtvm.options;

/**
 * The command-line options text is not a list of {@code OPTION=VALUE} pairs. Unchecked, like
 * {@link NumberFormatException}: it reports malformed input to a parse method.
 */
public class OptionFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String token;

    public OptionFormatException(String token) {
        super("Invalid option format: " + DisplayText.quote(token) + ". Use OPTION=VALUE[,OPTION=VALUE...].");
        this.token = token;
    }

    /** For malformed input other than the options text; {@code message} says what was expected. */
    protected OptionFormatException(String message, String token) {
        super(message);
        this.token = token;
    }

    /** The piece of the input that is not {@code OPTION=VALUE}, as written. */
    public String token() {
        return token;
    }
}
