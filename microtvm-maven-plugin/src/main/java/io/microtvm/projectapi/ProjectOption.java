package io.microtvm.projectapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of a server's {@code project_options}: what a template accepts, as declared by the
 * template itself (docs/project-api.md, "Fields"). Lists that the server sends as {@code null} are
 * empty here.
 *
 * @param name     option name
 * @param choices  allowed values as strings; empty when any value is allowed
 * @param defaultValue the declared default; {@link NullNode} when none
 * @param type     declared type: {@code bool}, {@code int}, {@code str} (others are kept verbatim)
 * @param required wire names of the methods this option is required for
 * @param optional wire names of the methods this option is optional for
 * @param help     the help text, possibly empty
 */
public record ProjectOption(
        String name,
        List<String> choices,
        JsonNode defaultValue,
        String type,
        List<String> required,
        List<String> optional,
        String help) {

    public ProjectOption {
        choices = List.copyOf(choices);
        required = List.copyOf(required);
        optional = List.copyOf(optional);
        defaultValue = defaultValue == null ? NullNode.getInstance() : defaultValue;
        help = help == null ? "" : help;
        type = type == null ? "" : type;
    }

    /** Reads one element of a {@code server_info_query} reply's {@code project_options} array. */
    public static ProjectOption fromJson(JsonNode node) {
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("project option without a string 'name': " + node);
        }
        return new ProjectOption(
                name.asText(),
                textList(node.get("choices")),
                node.get("default"),
                node.hasNonNull("type") ? node.get("type").asText() : "",
                textList(node.get("required")),
                textList(node.get("optional")),
                node.hasNonNull("help") ? node.get("help").asText() : "");
    }

    private static List<String> textList(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(e -> out.add(e.asText()));
        return Collections.unmodifiableList(out);
    }

    public boolean isRequiredFor(ProjectMethod method) {
        return required.contains(method.wireName());
    }

    /** True when the option may be given to {@code method}, required or not. */
    public boolean appliesTo(ProjectMethod method) {
        return isRequiredFor(method) || optional.contains(method.wireName());
    }

    public boolean hasDefault() {
        return !defaultValue.isNull();
    }
}
