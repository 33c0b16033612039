package io.microtvm;

/**
 * A value the user sets, named in the core's own words. A failure that one of these would fix
 * says so ({@link MicroTvmException#setting()}); the layer that reads the user's configuration
 * (Maven's parameters and properties) decides how to name it to the user.
 */
public enum Setting {
    BASELINE_REPORT,
    DIRECT_CHANNEL,
    EXPECTED_OUTPUTS,
    FILL_MODE,
    FORCE,
    HOST_FILE_THRESHOLD,
    INPUT_SHAPES,
    INPUTS,
    LOCK_DIR,
    LOCK_TIMEOUT,
    MAX_DEVICE_TIME,
    MAX_FLASH_BYTES,
    MAX_RAM_BYTES,
    MAX_REGRESSION_PERCENT,
    MLF,
    MODEL,
    MODEL_FORMAT,
    OPTIONS,
    OUTPUT_SHAPES,
    PLATFORM,
    PROJECT_DIR,
    PROTOCOL,
    PYTHON,
    QUERY_TIMEOUT,
    REPEAT,
    RETRIES,
    RETRY_DELAY,
    SEED,
    SERIAL_PORT,
    STANDALONE_CRT_DIR,
    TEMPLATE_DIR,
    TIMEOUT,
    TVM_TEMPLATE_PROJECTS
}
