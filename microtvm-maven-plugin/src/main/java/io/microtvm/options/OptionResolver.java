package io.microtvm.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.options.OptionProblem.Kind;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ProjectOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the user's string options into the typed {@code options} object of one Project API call,
 * checked against the {@link ProjectOption} metadata the template declared (docs/project-api.md,
 * "Project options"):
 * <ul>
 *   <li>each given value is converted by its declared type (bool, int, float; str and unknown
 *       types pass through unchanged) and must be one of the declared choices, if any;</li>
 *   <li>a name no option declares is an error; a name declared only for other methods is not,
 *       because one {@code <options>} map serves every goal and TVM sends every option to every
 *       method. Such names are returned in {@link ResolvedOptions#notUsedByMethod()};</li>
 *   <li>options required for this method must be given;</li>
 *   <li>every declared option not given is sent with its default, even a null one and even one
 *       declared for another method, because the real servers index the options map directly and
 *       fail with a KeyError otherwise (docs/project-api.md, "Defaults are filled in").</li>
 * </ul>
 * All problems are collected and reported together in one {@link InvalidOptionsException}.
 */
public final class OptionResolver {

    /**
     * @param declared the server's {@code project_options}, in its order
     * @param method   the call the options are for
     * @param given    option name to the value as written by the user; {@code null} means none.
     *                 A {@code null} value counts as the empty string. Pass an ordered map to get
     *                 unknown names reported in the order written.
     * @param subject  the template or project, as it should read in messages, e.g.
     *                 {@code template 'host' (/abs/dir)}
     * @throws InvalidOptionsException listing every problem found
     */
    public ResolvedOptions resolve(
            List<ProjectOption> declared, ProjectMethod method, Map<String, String> given, String subject)
            throws InvalidOptionsException {
        Map<String, String> values = given == null ? Map.of() : given;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<OptionProblem> problems = new ArrayList<>();
        List<String> notUsedByMethod = new ArrayList<>();
        List<String> defaulted = new ArrayList<>();
        Set<String> declaredNames = new LinkedHashSet<>();

        for (ProjectOption option : declared) {
            String name = option.name();
            if (!declaredNames.add(name)) {
                continue; // a server listing a name twice: the first declaration counts
            }
            if (!values.containsKey(name)) {
                out.set(name, option.defaultValue().deepCopy());
                defaulted.add(name);
                if (option.isRequiredFor(method)) {
                    problems.add(missingRequired(option, method));
                }
                continue;
            }
            if (!option.appliesTo(method)) {
                notUsedByMethod.add(name);
            }
            String text = values.get(name) == null ? "" : values.get(name);
            OptionType type = OptionType.of(option.type());
            Optional<JsonNode> typed = type.convert(text);
            if (typed.isEmpty()) {
                problems.add(wrongType(option, type, text));
            } else if (!isAllowedChoice(option, type, typed.get())) {
                problems.add(notAChoice(option, type, text));
            } else {
                out.set(name, typed.get());
            }
        }

        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!declaredNames.contains(name)) {
                String text = entry.getValue() == null ? "" : entry.getValue();
                problems.add(unknown(name, text, declaredNames));
            }
        }

        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(method, subject == null ? "the template" : subject, problems);
        }
        return new ResolvedOptions(out, notUsedByMethod, defaulted);
    }

    private static boolean isAllowedChoice(ProjectOption option, OptionType type, JsonNode value) {
        if (option.choices().isEmpty()) {
            return true;
        }
        String canonical = OptionType.canonical(value);
        return option.choices().stream().anyMatch(c -> type.canonicalChoice(c).equals(canonical));
    }

    private static OptionProblem wrongType(ProjectOption option, OptionType type, String text) {
        String expected = type.expectedInsteadOf(text);
        String message = "option '" + option.name() + "': given " + DisplayText.quote(text) + ", expected " + expected;
        if (!option.choices().isEmpty() && !choicesAreBothBools(option, type)) {
            message += "; allowed: " + String.join(", ", option.choices());
        }
        return new OptionProblem(Kind.WRONG_TYPE, option.name(), text, expected, option.choices(), null, message);
    }

    /** "true, false" after "expected a bool: true or false" would only repeat it. */
    private static boolean choicesAreBothBools(ProjectOption option, OptionType type) {
        return type == OptionType.BOOL
                && option.choices().stream().map(type::canonicalChoice).distinct().sorted().toList()
                        .equals(List.of("false", "true"));
    }

    private static OptionProblem notAChoice(ProjectOption option, OptionType type, String text) {
        // near misses are worth a hint for names such as boards, not for numbers or bools
        String suggestion = type == OptionType.STR || type == OptionType.UNCHECKED
                ? NearestName.among(text, option.choices()).orElse(null)
                : null;
        String message = "option '" + option.name() + "': given " + DisplayText.quote(text)
                + ", expected one of: " + String.join(", ", option.choices())
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
        return new OptionProblem(Kind.NOT_A_CHOICE, option.name(), text, "one of the declared choices",
                option.choices(), suggestion, message);
    }

    private static OptionProblem unknown(String name, String text, Set<String> declaredNames) {
        String suggestion = NearestName.among(name, declaredNames).orElse(null);
        StringBuilder message = new StringBuilder("option '").append(name).append("': unknown option, given ")
                .append(DisplayText.quote(text)).append("; ");
        if (suggestion != null) {
            message.append("did you mean '").append(suggestion).append("'? Declared options: ");
        } else {
            message.append("declared options: ");
        }
        message.append(declaredNames.isEmpty() ? "none" : String.join(", ", declaredNames));
        return new OptionProblem(Kind.UNKNOWN_OPTION, name, text, "a declared option name",
                List.copyOf(declaredNames), suggestion, message.toString());
    }

    private static OptionProblem missingRequired(ProjectOption option, ProjectMethod method) {
        String expected = expectedOf(option);
        StringBuilder message = new StringBuilder("option '").append(option.name())
                .append("': required for ").append(method.wireName()).append(" but not given; expected ")
                .append(expected);
        if (!option.choices().isEmpty() && !choicesAreBothBools(option, OptionType.of(option.type()))) {
            message.append(", one of: ").append(String.join(", ", option.choices()));
        }
        if (!option.help().isBlank()) {
            message.append("; help: ").append(String.join(" ", TextWrap.words(option.help())));
        }
        return new OptionProblem(Kind.MISSING_REQUIRED, option.name(), null, expected, option.choices(), null,
                message.toString());
    }

    /** The type phrase of an option, naming a declared type the plugin does not check. */
    static String expectedOf(ProjectOption option) {
        OptionType type = OptionType.of(option.type());
        if (type == OptionType.UNCHECKED && !option.type().isBlank()) {
            return "a value of type '" + option.type() + "' (passed on as text)";
        }
        return type.expected();
    }
}
