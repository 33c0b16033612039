package io.microtvm;

import java.util.Locale;

/**
 * How the user's own tool names the core's {@link Setting}s and {@link Step}s. The core says what is
 * wrong or what it did in its own words and asks this for the name of the setting or step involved;
 * the layer that reads the user's configuration (the Maven plugin: its parameters, properties and
 * goals) answers. Every {@link BuildLog} is one, so code that logs names settings through its log;
 * the default names are the core's plain ones.
 */
public interface SettingNames {

    /** The setting as the user sets it, for "set X": in Maven its parameter and property. */
    default String describe(Setting setting) {
        return name(setting);
    }

    /** Where the setting comes from, short, for a parenthesis after a value: in Maven its property. */
    default String where(Setting setting) {
        return "setting " + name(setting);
    }

    /**
     * The setting's name alone, for "X (where, now 2 s)": in Maven its parameter; by default the
     * core's own name, the setting's in lower camel case ({@code hostFileThreshold}).
     */
    default String name(Setting setting) {
        StringBuilder name = new StringBuilder();
        for (String word : setting.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    /** What the user types to set it, for "X 16384": in Maven its property. */
    default String key(Setting setting) {
        return name(setting);
    }

    /** The step as the user runs it: in Maven its goal; by default its name with dashes. */
    default String describe(Step step) {
        return step.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The core's own names: the defaults above. */
    SettingNames PLAIN = new SettingNames() {
    };
}
