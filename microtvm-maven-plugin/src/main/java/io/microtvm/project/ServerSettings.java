package io.microtvm.project;

import io.microtvm.options.OptionTypeCorrections;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run Project API servers for one goal.
 *
 * @param python        interpreter for {@code microtvm_api_server.py} (property {@code microtvm.python})
 * @param queryTimeout  deadline of {@code server_info_query} and other short calls, server start-up included
 * @param callTimeout   deadline of {@code generate_project}, {@code build} and {@code flash}
 * @param serverOutput  receives the servers' stderr, line by line
 * @param optionTypes   corrections of the option types templates declare (see {@link OptionTypeCorrections})
 */
public record ServerSettings(String python, Duration queryTimeout, Duration callTimeout, Consumer<String> serverOutput,
                             OptionTypeCorrections optionTypes) {

    public ServerSettings {
        optionTypes = optionTypes == null ? OptionTypeCorrections.TABLE_ONLY : optionTypes;
    }

    /** With the table of TVM's known declarations only. */
    public ServerSettings(String python, Duration queryTimeout, Duration callTimeout, Consumer<String> serverOutput) {
        this(python, queryTimeout, callTimeout, serverOutput, OptionTypeCorrections.TABLE_ONLY);
    }

    /**
     * The TVM version sent in {@code server_info_query}. No template checks it (spec §2.1); we send
     * the last TVM release that has microTVM, whose Project API we speak.
     */
    public static final String TVM_VERSION = "0.18.0";
}
