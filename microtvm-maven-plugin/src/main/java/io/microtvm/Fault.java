package io.microtvm;

/**
 * Who can put a failure right. Every {@link MicroTvmException} carries one, chosen where the failure
 * is understood, so that callers never have to guess it from the exception's class: the Maven layer
 * turns {@link #CONFIGURATION} into a build failure and the others into build errors.
 */
public enum Fault {
    /** The user's inputs or settings: a parameter, a template option, a model or data file. */
    CONFIGURATION,
    /** The machine: a missing or broken tool, a template server that crashed, a file that cannot be written. */
    ENVIRONMENT,
    /** The board or the link to it: gone, silent past its deadline, or answering what the protocol forbids. */
    DEVICE,
    /** The plugin itself, or a template breaking a contract the plugin relies on. */
    INTERNAL
}
