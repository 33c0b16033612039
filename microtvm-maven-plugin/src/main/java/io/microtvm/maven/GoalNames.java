package io.microtvm.maven;

import io.microtvm.Step;

/** How the core's {@link Step}s are named to a Maven user: as this plugin's goals. */
final class GoalNames {
    private GoalNames() {
    }

    /** The goal's name in a POM ({@code create-project}). */
    static String name(Step step) {
        return switch (step) {
            case COMPILE -> "compile";
            case CREATE_PROJECT -> "create-project";
            case BUILD -> "build";
            case FLASH -> "flash";
            case RUN -> "run";
            case VERIFY -> "verify";
            case LIST_OPTIONS -> "list-options";
        };
    }

    /** The goal as typed on a command line ({@code microtvm:create-project}). */
    static String qualified(Step step) {
        return "microtvm:" + name(step);
    }
}
