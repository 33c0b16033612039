package io.microtvm.options;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Step;
import io.microtvm.projectapi.ProjectMethod;
import java.util.List;

/**
 * The options given for one Project API call do not fit the metadata the template declares. The
 * message lists every problem, one per line, so a user fixes them all in one round; listing the
 * template's options ({@link Step#LIST_OPTIONS}) shows what it accepts.
 */
public class InvalidOptionsException extends MicroTvmException {

    private static final long serialVersionUID = 1L;

    private final List<OptionProblem> problems;
    private final ProjectMethod method;
    private final String subject;

    public InvalidOptionsException(ProjectMethod method, String subject, List<OptionProblem> problems) {
        super(Fault.CONFIGURATION, message(method, subject, problems), null, false, null, Step.LIST_OPTIONS);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidOptionsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.method = method;
        this.subject = subject;
    }

    private static String message(ProjectMethod method, String subject, List<OptionProblem> problems) {
        StringBuilder out = new StringBuilder()
                .append(problems.size())
                .append(problems.size() == 1 ? " invalid option for " : " invalid options for ")
                .append(method.wireName()).append(" of ").append(subject).append(':');
        for (OptionProblem p : problems) {
            out.append("\n  - ").append(p.message());
        }
        return out.toString();
    }

    /** All problems, in declared option order, then unknown names in the order given. */
    public List<OptionProblem> problems() {
        return problems;
    }

    public ProjectMethod method() {
        return method;
    }

    /** The template or project the options were checked against, as named in the message. */
    public String subject() {
        return subject;
    }
}
