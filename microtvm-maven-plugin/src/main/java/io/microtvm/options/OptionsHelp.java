package io.microtvm.options;

import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.projectapi.ProjectOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text of {@code mvn microtvm:list-options}: per method, the options that apply to it, each
 * with type, required or optional, choices, default and help. Unlike tvmc's help block
 * (docs/project-api.md, "tvmc's help text for options") it shows every non-null default,
 * {@code false}, {@code 0} and {@code ""} included, because with typed options those are real
 * values a user may want to override.
 */
public final class OptionsHelp {

    /** Lines are wrapped to this many columns. */
    public static final int WIDTH = 100;

    private static final String ENTRY_INDENT = "  ";
    private static final String DETAIL_INDENT = "      ";

    private OptionsHelp() {
    }

    /**
     * The full listing: a header naming {@code subject} and saying how to set options (the
     * caller's words: {@code howToSet}), then one section per method in the order generate_project,
     * build, flash, open_transport; a method without options says so.
     */
    public static String render(String subject, String howToSet, List<ProjectOption> declared) {
        String intro = "Options of " + subject + ", by method. " + howToSet;
        List<String> lines = new ArrayList<>(TextWrap.fill(TextWrap.words(intro), "", "", WIDTH));
        for (ProjectMethod method : ProjectMethod.values()) {
            lines.add("");
            lines.addAll(section(declared, method));
        }
        List<String> orphans = declared.stream()
                .filter(o -> Arrays.stream(ProjectMethod.values()).noneMatch(o::appliesTo))
                .map(ProjectOption::name).toList();
        if (!orphans.isEmpty()) {
            lines.add("");
            lines.addAll(TextWrap.fill(TextWrap.words("Declared for no method (always sent with their defaults): "
                    + String.join(", ", orphans)), "", ENTRY_INDENT, WIDTH));
        }
        return String.join("\n", lines) + "\n";
    }

    /** One method's section: a heading with the counts, then one entry per applicable option. */
    public static List<String> section(List<ProjectOption> declared, ProjectMethod method) {
        List<ProjectOption> applicable = declared.stream().filter(o -> o.appliesTo(method)).toList();
        List<String> lines = new ArrayList<>();
        if (applicable.isEmpty()) {
            lines.add(method.wireName() + ": no options");
            return lines;
        }
        long required = applicable.stream().filter(o -> o.isRequiredFor(method)).count();
        lines.add(method.wireName() + ": " + applicable.size() + (applicable.size() == 1 ? " option, " : " options, ")
                + (required == 0 ? "none" : String.valueOf(required)) + " required");
        for (ProjectOption option : applicable) {
            lines.add("");
            lines.addAll(entry(option, method));
        }
        return lines;
    }

    /** One option as listed under {@code method}. */
    static List<String> entry(ProjectOption option, ProjectMethod method) {
        List<String> lines = new ArrayList<>();
        lines.add(ENTRY_INDENT + option.name() + " (" + typeName(option) + ", "
                + (option.isRequiredFor(method) ? "required" : "optional") + ")");
        if (!option.choices().isEmpty()) {
            String label = DETAIL_INDENT + "choices: ";
            lines.addAll(TextWrap.fill(commaSeparated(option.choices()), label, " ".repeat(label.length()), WIDTH));
        }
        if (option.hasDefault()) {
            lines.add(DETAIL_INDENT + "default: " + option.defaultValue());
        }
        for (String paragraph : option.help().strip().split("\\R")) {
            if (!paragraph.isBlank()) {
                lines.addAll(TextWrap.fill(TextWrap.words(paragraph), DETAIL_INDENT, DETAIL_INDENT, WIDTH));
            }
        }
        return lines;
    }

    private static String typeName(ProjectOption option) {
        return option.type().isBlank() ? "untyped" : option.type();
    }

    /** Choices as wrap units: a choice is never split, the comma stays with the word before it. */
    private static List<String> commaSeparated(List<String> items) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            words.add(i < items.size() - 1 ? items.get(i) + "," : items.get(i));
        }
        return words;
    }
}
