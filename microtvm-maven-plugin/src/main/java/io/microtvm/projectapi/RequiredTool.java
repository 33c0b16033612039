package io.microtvm.projectapi;

import java.util.List;

/**
 * A program a template's methods run, as the bundled templates declare it in the extra
 * {@code required_tools} key of their {@code server_info_query} reply (TVM's client ignores the key).
 *
 * @param command   the command, possibly naming an option whose value it is made from:
 *                  {@code make}, {@code {cc}}, {@code {toolchain_prefix}gcc}
 * @param fallback  the command when the options it names are not given; null when it names none
 * @param neededFor the methods that run it, e.g. {@code build}, {@code open_transport}
 */
public record RequiredTool(String command, String fallback, List<String> neededFor) {
    public RequiredTool {
        neededFor = List.copyOf(neededFor);
    }
}
