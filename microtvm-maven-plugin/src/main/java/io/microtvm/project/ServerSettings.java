package io.microtvm.project;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run Project API servers for one goal.
 *
 * @param python        interpreter for {@code microtvm_api_server.py} (property {@code microtvm.python})
 * @param queryTimeout  deadline of {@code server_info_query} and other short calls, server start-up included
 * @param callTimeout   deadline of {@code generate_project}, {@code build} and {@code flash}
 * @param serverOutput  receives the servers' stderr, line by line
 */
public record ServerSettings(String python, Duration queryTimeout, Duration callTimeout, Consumer<String> serverOutput) {
    /**
     * The TVM version sent in {@code server_info_query}. No template checks it (spec §2.1); we send
     * the last TVM release that has microTVM, whose Project API we speak.
     */
    public static final String TVM_VERSION = "0.18.0";
}
