package io.microtvm;

/**
 * A step of the workflow, named in the core's own words, for failures whose remedy is to run
 * another step first ({@link MicroTvmException#missingStep()}). The Maven layer names them as goals.
 */
public enum Step {
    COMPILE,
    CREATE_PROJECT,
    BUILD,
    FLASH,
    RUN,
    VERIFY,
    LIST_OPTIONS
}
