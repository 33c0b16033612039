package io.microtvm.options;

import io.microtvm.projectapi.ProjectOption;
import io.microtvm.projectapi.ServerInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The option types a template really takes, where its declaration says otherwise. Options stay
 * strictly typed: a value is still converted and checked, only against the type the template's
 * code uses. Two sources, the second winning:
 * <ol>
 *   <li>{@link KnownOptionTypes}: declarations of TVM's own templates known to be wrong, matched by
 *       the platform name of the {@code server_info_query} reply, the TVM version the plugin sent
 *       in that query, and the exact declaration;</li>
 *   <li>the user's {@code optionTypes} map (option name to type), for templates the table does not
 *       know.</li>
 * </ol>
 * Each correction is reported once per goal through {@code notes}.
 */
public final class OptionTypeCorrections {

    /** No user overrides and nobody to tell: the table alone. */
    public static final OptionTypeCorrections TABLE_ONLY = new OptionTypeCorrections(Map.of(), note -> { });

    private final Map<String, OptionType> overrides;
    private final Consumer<String> notes;
    private final Set<String> told = Collections.synchronizedSet(new HashSet<>());

    private OptionTypeCorrections(Map<String, OptionType> overrides, Consumer<String> notes) {
        this.overrides = overrides;
        this.notes = notes;
    }

    /**
     * @param optionTypes option name to type name ({@code bool}, {@code int}, {@code float},
     *                    {@code str}, {@code list}), as configured in {@code <optionTypes>}; null is none
     * @param notes       receives one line per correction applied
     * @throws OptionFormatException naming the parameter, the entry and the types allowed, for an
     *                               unknown type name or an empty option name
     */
    public static OptionTypeCorrections of(Map<String, String> optionTypes, Consumer<String> notes) {
        Map<String, OptionType> parsed = new LinkedHashMap<>();
        if (optionTypes != null) {
            for (Map.Entry<String, String> e : optionTypes.entrySet()) {
                String name = e.getKey() == null ? "" : e.getKey().strip();
                String typeName = e.getValue() == null ? "" : e.getValue();
                OptionType type = OptionType.named(typeName).orElseThrow(() -> new OptionFormatException(
                        "<optionTypes>: option '" + name + "' given type "
                                + DisplayText.quote(typeName) + ", expected one of: " + OptionType.wireNames(),
                        typeName));
                if (name.isEmpty()) {
                    throw new OptionFormatException("<optionTypes>: an entry without"
                            + " an option name, given type " + DisplayText.quote(typeName), typeName);
                }
                parsed.put(name, type);
            }
        }
        return new OptionTypeCorrections(Map.copyOf(parsed), notes == null ? note -> { } : notes);
    }

    /**
     * {@code info} with each option's type corrected: by {@code optionTypes} where it names the
     * option, else by the table where it knows the declaration.
     *
     * @param tvmVersion the TVM version sent in the {@code server_info_query} that gave {@code info}
     * @throws OptionFormatException when {@code optionTypes} names an option the template does not declare
     */
    public ServerInfo correct(ServerInfo info, String tvmVersion) {
        List<String> unknown = new ArrayList<>(overrides.keySet());
        List<ProjectOption> corrected = new ArrayList<>();
        for (ProjectOption option : info.projectOptions()) {
            unknown.remove(option.name());
            OptionType user = overrides.get(option.name());
            if (user != null) {
                if (!user.wireName().equals(OptionType.of(option.type()).wireName())) {
                    tell(option.name() + "/user", "Option '" + option.name() + "' of platform '" + info.platformName()
                            + "' is taken as " + user.wireName() + " (optionTypes), not as declared (" + declared(option)
                            + ")");
                }
                corrected.add(retyped(option, user));
                continue;
            }
            var known = KnownOptionTypes.lookup(info.platformName(), tvmVersion, option);
            if (known.isPresent()) {
                KnownOptionTypes.Entry entry = known.get();
                tell(option.name() + "/table", "Option '" + option.name() + "' of TVM's " + info.platformName()
                        + " template is declared " + declared(option) + " but " + entry.why() + "; it is taken as "
                        + entry.actual().wireName() + " (known declarations of TVM " + entry.versions()
                        + "; override with optionTypes)");
                corrected.add(retyped(option, entry.actual()));
                continue;
            }
            corrected.add(option);
        }
        if (!unknown.isEmpty()) {
            throw new OptionFormatException("<optionTypes> names "
                    + (unknown.size() == 1 ? "an option" : "options") + " the template of platform '"
                    + info.platformName() + "' does not declare: " + String.join(", ", unknown)
                    + "; declared options: " + String.join(", ",
                            info.projectOptions().stream().map(ProjectOption::name).toList()),
                    unknown.get(0));
        }
        return info.withOptions(corrected);
    }

    private void tell(String key, String note) {
        if (told.add(key)) {
            notes.accept(note);
        }
    }

    private static String declared(ProjectOption option) {
        return option.type().isBlank() ? "without a type" : option.type();
    }

    private static ProjectOption retyped(ProjectOption option, OptionType type) {
        return new ProjectOption(option.name(), option.choices(), option.defaultValue(), type.wireName(),
                option.required(), option.optional(), option.help());
    }
}
