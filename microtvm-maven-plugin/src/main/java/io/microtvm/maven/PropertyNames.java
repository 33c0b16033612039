package io.microtvm.maven;

import io.microtvm.Setting;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the core's {@link Setting}s are named to a Maven user: the mojo parameter and the user
 * property that sets it. The only place that knows these names besides the mojos' own
 * {@code @Parameter} annotations; {@code PropertyNamesTest} keeps the two in step.
 */
final class PropertyNames {
    static final String PREFIX = "microtvm.";

    private static final Map<Setting, String> PARAMETERS = new EnumMap<>(Setting.class);
    /** The properties whose name is not PREFIX + the parameter's. */
    private static final Map<Setting, String> OTHER_PROPERTIES = new EnumMap<>(Setting.class);

    static {
        PARAMETERS.put(Setting.BASELINE_REPORT, "baselineReport");
        PARAMETERS.put(Setting.DIRECT_CHANNEL, "directChannel");
        PARAMETERS.put(Setting.EXPECTED_OUTPUTS, "expectedOutputs");
        PARAMETERS.put(Setting.FILL_MODE, "fillMode");
        PARAMETERS.put(Setting.FORCE, "force");
        PARAMETERS.put(Setting.HOST_FILE_THRESHOLD, "hostFileThreshold");
        PARAMETERS.put(Setting.INPUT_SHAPES, "inputShapes");
        PARAMETERS.put(Setting.INPUTS, "inputs");
        PARAMETERS.put(Setting.LOCK_DIR, "lockDir");
        PARAMETERS.put(Setting.LOCK_TIMEOUT, "lockTimeout");
        PARAMETERS.put(Setting.MAX_DEVICE_TIME, "maxDeviceTime");
        PARAMETERS.put(Setting.MAX_FLASH_BYTES, "maxFlashBytes");
        PARAMETERS.put(Setting.MAX_RAM_BYTES, "maxRamBytes");
        PARAMETERS.put(Setting.MAX_REGRESSION_PERCENT, "maxRegressionPercent");
        PARAMETERS.put(Setting.MLF, "modelLibraryFormat");
        OTHER_PROPERTIES.put(Setting.MLF, PREFIX + "mlf");
        PARAMETERS.put(Setting.MODEL, "model");
        PARAMETERS.put(Setting.MODEL_FORMAT, "modelFormat");
        PARAMETERS.put(Setting.OPTIONS, "options");
        PARAMETERS.put(Setting.OUTPUT_SHAPES, "outputShapes");
        PARAMETERS.put(Setting.PLATFORM, "platform");
        PARAMETERS.put(Setting.PROJECT_DIR, "projectDir");
        PARAMETERS.put(Setting.PROTOCOL, "protocol");
        PARAMETERS.put(Setting.PYTHON, "python");
        PARAMETERS.put(Setting.QUERY_TIMEOUT, "queryTimeout");
        PARAMETERS.put(Setting.REPEAT, "repeat");
        PARAMETERS.put(Setting.RETRIES, "retries");
        PARAMETERS.put(Setting.RETRY_DELAY, "retryDelay");
        PARAMETERS.put(Setting.SEED, "seed");
        PARAMETERS.put(Setting.SERIAL_PORT, "serialPort");
        PARAMETERS.put(Setting.STANDALONE_CRT_DIR, "standaloneCrtDir");
        PARAMETERS.put(Setting.TEMPLATE_DIR, "templateDir");
        PARAMETERS.put(Setting.TIMEOUT, "timeout");
        PARAMETERS.put(Setting.TVM_TEMPLATE_PROJECTS, "tvmTemplateProjects");
    }

    private PropertyNames() {
    }

    /** The mojo parameter ({@code retries}). */
    static String parameter(Setting setting) {
        String name = PARAMETERS.get(setting);
        if (name == null) {
            throw new IllegalStateException("no Maven name for the setting " + setting);
        }
        return name;
    }

    /** The user property ({@code microtvm.retries}). */
    static String property(Setting setting) {
        return OTHER_PROPERTIES.getOrDefault(setting, PREFIX + parameter(setting));
    }

    /** Both, as messages name them: {@code retries (property microtvm.retries)}. */
    static String describe(Setting setting) {
        return parameter(setting) + " (property " + property(setting) + ")";
    }
}
