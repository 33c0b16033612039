package io.microtvm.options;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The result of {@link OptionResolver#resolve}: what to send, plus what the caller may want to log.
 *
 * @param options         the typed {@code options} object for the call: every declared option, in
 *                        declared order, given ones converted to their type and the rest at their
 *                        default. A fresh node owned by the caller.
 * @param notUsedByMethod given options that are declared, but not for this method. They are
 *                        still sent (as TVM does), and worth a debug line, not an error: one
 *                        {@code <options>} map is shared by every goal of an execution.
 * @param defaulted       declared options that were not given and were filled with their default
 */
public record ResolvedOptions(ObjectNode options, List<String> notUsedByMethod, List<String> defaulted) {

    public ResolvedOptions {
        notUsedByMethod = List.copyOf(notUsedByMethod);
        defaulted = List.copyOf(defaulted);
    }
}
