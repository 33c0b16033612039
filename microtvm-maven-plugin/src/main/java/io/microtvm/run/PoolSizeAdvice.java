package io.microtvm.run;

import io.microtvm.MicroTvmException;
import io.microtvm.project.GeneratedProject;
import io.microtvm.rpc.client.DeviceAllocationException;
import io.microtvm.transport.DeviceException;
import java.io.IOException;

/** What to change when the device's CRT memory pool is too small for the model. */
final class PoolSizeAdvice {
    private PoolSizeAdvice() {
    }

    /** A DevAllocData refusal names the setting that sizes the device's CRT pool, its value and the board's RAM. */
    static DeviceException withPoolSize(DeviceException e, GeneratedProject project) {
        DeviceAllocationException refusal = refusalIn(e);
        if (refusal == null) {
            return e;
        }
        String pool = "unknown";
        String ram = "";
        try {
            var footprint = io.microtvm.project.Footprint.of(project.dir());
            if (footprint.isPresent()) {
                var report = footprint.get().report();
                pool = report.path("workspace_arena_bytes").asText("unknown");
                ram = "; the board " + report.path("board").asText("?") + " has " + report.path("ram_capacity_bytes")
                        .asText("?") + " bytes of RAM, of which the firmware uses " + report.path("ram_bytes").asText("?");
            } else {
                var mk = java.nio.file.Files.readString(project.dir().resolve("project.mk"));
                var m = java.util.regex.Pattern.compile("(?m)^WORKSPACE_SIZE_BYTES := ([0-9]+)").matcher(mk);
                if (m.find()) {
                    pool = m.group(1);
                }
            }
        } catch (IOException | MicroTvmException unreadable) {
            // the message still names the setting
        }
        return new DeviceException(e.getMessage() + ": the device's CRT memory pool (template option"
                + " workspace_size_bytes, " + pool + " bytes in this project) has no room for " + refusal.requestedBytes()
                + " more bytes" + ram + ". Create the project again with a larger workspace_size_bytes (<options>"
                + "<workspace_size_bytes>...</workspace_size_bytes></options>, with force), or choose a board with more"
                + " RAM.", refusal);
    }

    /** The refusal itself or the one a session wrapped: both are DeviceExceptions now. */
    private static DeviceAllocationException refusalIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeviceAllocationException refusal) {
                return refusal;
            }
        }
        return null;
    }
}
