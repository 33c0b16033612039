package io.microtvm.project;

import io.microtvm.options.OptionTypeCorrections;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run Project API servers for one goal.
 *
 * @param python        interpreter for {@code microtvm_api_server.py} (property {@code microtvm.python})
 * @param queryTimeout  deadline of {@code server_info_query} and other short calls, server start-up included
 * @param callTimeout   deadline of {@code generate_project}, {@code build} and {@code flash}
 * @param serverOutput  receives the servers' stderr, line by line
 * @param optionTypes   corrections of the option types templates declare (see {@link OptionTypeCorrections})
 * @param verboseOutput receives the servers' stderr instead when the goal's template options say
 *                      {@code verbose=true}; null: the same as {@code serverOutput}
 */
public record ServerSettings(String python, Duration queryTimeout, Duration callTimeout, Consumer<String> serverOutput,
                             OptionTypeCorrections optionTypes, Consumer<String> verboseOutput) {

    /** The template option that makes the servers (and the tools they run) talk. */
    public static final String VERBOSE_OPTION = "verbose";

    public ServerSettings {
        optionTypes = optionTypes == null ? OptionTypeCorrections.TABLE_ONLY : optionTypes;
        verboseOutput = verboseOutput == null ? serverOutput : verboseOutput;
    }

    /** The servers' output goes to {@code serverOutput} whatever the options say. */
    public ServerSettings(String python, Duration queryTimeout, Duration callTimeout, Consumer<String> serverOutput,
                          OptionTypeCorrections optionTypes) {
        this(python, queryTimeout, callTimeout, serverOutput, optionTypes, null);
    }

    /** With the table of TVM's known declarations only. */
    public ServerSettings(String python, Duration queryTimeout, Duration callTimeout, Consumer<String> serverOutput) {
        this(python, queryTimeout, callTimeout, serverOutput, OptionTypeCorrections.TABLE_ONLY);
    }

    /** Where the output of a server that is given {@code options} goes. */
    public Consumer<String> outputFor(Map<String, String> options) {
        return isVerbose(options) ? verboseOutput : serverOutput;
    }

    /** Whether {@code options} turn {@code verbose} on; an empty {@code <verbose/>} arrives as null: not verbose. */
    public static boolean isVerbose(Map<String, String> options) {
        return options != null
                && "true".equalsIgnoreCase(Objects.toString(options.get(VERBOSE_OPTION), "").strip());
    }

    /**
     * The TVM version sent in {@code server_info_query}. No template checks it
     * (docs/project-api.md, "server_info_query"); we send the last TVM release that has microTVM,
     * whose Project API we speak.
     */
    public static final String TVM_VERSION = "0.18.0";
}
