package io.microtvm.run;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.project.GeneratedProject;
import java.util.Locale;

/** How {@code run} talks to the device: chosen from the project's project_type, or forced. */
public enum RunProtocol {
    /** From the project record's {@code project_type}. */
    AUTO,
    /** The plugin's own framed protocol (project_type=standalone). */
    STANDALONE,
    /** microTVM's RPC, TVM's CRT RPC server on the device (project_type=host_driven, TVM's host templates). */
    HOST_DRIVEN;

    /** Parses {@code auto}, {@code standalone} or {@code host-driven} (also {@code host_driven}). */
    public static RunProtocol parse(String value) throws MicroTvmException {
        String v = value == null ? "auto" : value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "auto", "" -> AUTO;
            case "standalone" -> STANDALONE;
            case "host-driven" -> HOST_DRIVEN;
            default -> throw MicroTvmException.badSetting(Setting.PROTOCOL, "The run protocol must be auto, standalone"
                    + " or host-driven; got '" + value + "'");
        };
    }

    /** The protocol to use for {@code project}: this one unless AUTO, else the one its project_type implies. */
    public RunProtocol resolve(GeneratedProject project) throws MicroTvmException {
        return resolve(project, BuildLog.NONE);
    }

    /**
     * As {@link #resolve(GeneratedProject)}; a project without project_type (TVM's crt template) gets the
     * protocol its MLF was compiled for ({@link ProtocolFromModel}), and {@code log} says why.
     */
    public RunProtocol resolve(GeneratedProject project, BuildLog log) throws MicroTvmException {
        if (this != AUTO) {
            return this;
        }
        var resolved = project.record().resolvedOptions();
        String type = resolved != null && resolved.hasNonNull("project_type") ? resolved.get("project_type").asText()
                : null;
        if ("standalone".equals(type)) {
            return STANDALONE;
        }
        if ("host_driven".equals(type)) {
            return HOST_DRIVEN;
        }
        if (type == null && (resolved == null || !resolved.has("project_type"))) {
            ProtocolFromModel fromModel = ProtocolFromModel.of(project);
            log.info("Protocol " + fromModel.protocol().parameterValue() + ": the project's template has no"
                    + " project_type, and " + fromModel.reason() + " (set " + log.key(Setting.PROTOCOL) + " to override)");
            return fromModel.protocol();
        }
        throw MicroTvmException.badSetting(Setting.PROTOCOL, project.dir() + " was made by "
                + project.record().describeSource() + " with project_type=" + type + ", which a run cannot map to a"
                + " protocol. Create the project with project_type=standalone or host_driven, or say what its firmware"
                + " speaks (standalone or host-driven).");
    }

    /** The name as the parameter takes it. */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
