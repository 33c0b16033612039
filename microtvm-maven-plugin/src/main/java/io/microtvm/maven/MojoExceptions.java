package io.microtvm.maven;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import io.microtvm.options.OptionFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns a failure of the plain-Java core into Maven's two kinds, by the fault the core assigned,
 * never by its class: the user's configuration ({@link Fault#CONFIGURATION}) fails the build
 * ({@link MojoFailureException}); the machine, the device or the plugin errs it
 * ({@link MojoExecutionException}). The core names what is wrong in its own words; here the
 * setting that fixes it, or the goal to run first, is added in Maven's words: a parameter and its
 * property, a goal as typed on the command line.
 */
final class MojoExceptions {
    private MojoExceptions() {
    }

    /** Maven's kind of {@code e}; a Maven exception passes unchanged. */
    static Exception toMojoException(Exception e) {
        if (e instanceof MojoFailureException || e instanceof MojoExecutionException) {
            return e;
        }
        if (e instanceof MicroTvmException failure) {
            String message = message(failure);
            return failure.fault() == Fault.CONFIGURATION ? new MojoFailureException(message, e)
                    : new MojoExecutionException(message, e);
        }
        if (e instanceof OptionFormatException) {
            // unchecked, as malformed text given to a parse method is (NumberFormatException): the user's text
            return new MojoFailureException(e.getMessage(), e);
        }
        // an I/O failure the core did not judge, or a bug: the environment's or the plugin's, never the user's
        return new MojoExecutionException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }

    /** The message a report of the build keeps for {@code e}: as the build failure says it. */
    static String reportedMessage(Exception e) {
        return e instanceof MicroTvmException failure ? message(failure) : e.getMessage();
    }

    /** The core's message with, where it knows one, how to fix it in Maven's words. */
    static String message(MicroTvmException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        Optional<String> suggestion = suggestion(e.setting(), e.missingStep());
        if (suggestion.isEmpty()) {
            return message;
        }
        if (message.contains("\n")) {
            return message + "\n" + suggestion.get(); // a list of problems: the remedy on a line of its own
        }
        boolean ended = message.endsWith(".") || message.endsWith("!") || message.endsWith("?");
        return message + (ended ? " " : ". ") + suggestion.get();
    }

    /**
     * "Run mvn microtvm:compile first, or set modelLibraryFormat (property microtvm.mlf)." for a
     * missing step and a setting; either alone as far as it is known.
     */
    static Optional<String> suggestion(Optional<Setting> setting, Optional<Step> step) {
        List<String> ways = new ArrayList<>();
        step.ifPresent(s -> ways.add(s == Step.LIST_OPTIONS
                ? "run 'mvn " + GoalNames.qualified(s) + "' to see the options this template accepts, with types,"
                + " choices and defaults"
                : "run mvn " + GoalNames.qualified(s) + " first"));
        setting.ifPresent(s -> ways.add("set " + PropertyNames.describe(s)));
        if (ways.isEmpty()) {
            return Optional.empty();
        }
        String text = String.join(", or ", ways);
        return Optional.of(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".");
    }
}
