package io.microtvm.run;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.run.standalone.HostFileThreshold;

/**
 * The settings of a run that can be checked before any project or device is touched, each checked
 * here and nowhere else, so that a bad one fails the run at once naming its setting.
 *
 * @param fillMode  how inputs not given are filled
 * @param repeat    runs of the model on the same inputs, at least 1
 * @param hostFiles from which size on tensors go through files on the device's host
 * @param protocol  what the firmware speaks, {@link RunProtocol#AUTO} to ask the project
 * @param limit     the latency gate; null for none
 */
public record RunSettings(FillMode fillMode, int repeat, HostFileThreshold hostFiles, RunProtocol protocol,
                          DeviceTimeLimit limit) {

    /**
     * The settings as the user gave them, checked; a bad one is the user's to fix, a
     * {@link Fault#CONFIGURATION} {@link MicroTvmException} that carries the setting where the message does
     * not already name it.
     *
     * @param maxDeviceTime the latency limit as given ({@code 5ms}); null or blank for none
     */
    public static RunSettings check(String fillMode, int repeat, long hostFileThreshold, String protocol,
                                    String maxDeviceTime) throws MicroTvmException {
        FillMode mode;
        HostFileThreshold hostFiles;
        try {
            mode = FillMode.parse(fillMode);
        } catch (IllegalArgumentException e) {
            throw MicroTvmException.badSetting(Setting.FILL_MODE, e.getMessage(), e);
        }
        if (repeat < 1) {
            throw MicroTvmException.badSetting(Setting.REPEAT, "The number of runs must be at least 1, got " + repeat
                    + ".");
        }
        try {
            hostFiles = new HostFileThreshold(hostFileThreshold);
        } catch (IllegalArgumentException e) {
            throw MicroTvmException.badSetting(Setting.HOST_FILE_THRESHOLD, e.getMessage(), e);
        }
        return new RunSettings(mode, repeat, hostFiles, RunProtocol.parse(protocol),
                maxDeviceTime == null || maxDeviceTime.isBlank() ? null : DeviceTimeLimit.parse(maxDeviceTime));
    }
}
