package io.microtvm.run;

import io.microtvm.Setting;
import io.microtvm.SettingNames;
import io.microtvm.project.ProjectException;
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
     * The settings as the user gave them, checked; a bad one is the user's to fix, a {@link ProjectException}
     * naming the setting as {@code names} say.
     *
     * @param maxDeviceTime the latency limit as given ({@code 5ms}); null or blank for none
     */
    public static RunSettings check(String fillMode, int repeat, long hostFileThreshold, String protocol,
                                    String maxDeviceTime, SettingNames names) throws ProjectException {
        FillMode mode;
        HostFileThreshold hostFiles;
        try {
            mode = FillMode.parse(fillMode);
            if (repeat < 1) {
                throw new ProjectException(names.describe(Setting.REPEAT) + " must be at least 1, got " + repeat + ".");
            }
            hostFiles = new HostFileThreshold(hostFileThreshold);
        } catch (IllegalArgumentException e) {
            throw new ProjectException(e.getMessage());
        }
        return new RunSettings(mode, repeat, hostFiles, RunProtocol.parse(protocol),
                maxDeviceTime == null || maxDeviceTime.isBlank() ? null : DeviceTimeLimit.parse(maxDeviceTime));
    }
}
