package io.microtvm.run;

import io.microtvm.MicroTvmException;
import java.nio.file.Path;

/**
 * The baseline of the regression gate, read before this run's own reports replace it: a baseline that
 * is this execution's own last report (compare with the previous build) is read at once, before that
 * report is removed as stale; any other is read when the gate needs it. A baseline that cannot be read
 * is the run's error, reported when the run asks for it.
 */
public final class BaselineSource {
    private final Path file;
    private final BaselineReport early;
    private final MicroTvmException earlyProblem;

    private BaselineSource(Path file, BaselineReport early, MicroTvmException earlyProblem) {
        this.file = file;
        this.early = early;
        this.earlyProblem = earlyProblem;
    }

    /**
     * @param file      the baseline report; null for no regression gate
     * @param ownReport the JSON report this run is about to replace
     */
    public static BaselineSource before(Path file, Path ownReport) {
        if (file == null || !file.toAbsolutePath().normalize().equals(ownReport.toAbsolutePath().normalize())) {
            return new BaselineSource(file, null, null);
        }
        try {
            return new BaselineSource(file, BaselineReport.read(file), null);
        } catch (MicroTvmException e) {
            return new BaselineSource(file, null, e);
        }
    }

    /** The baseline; null when none is set. */
    public BaselineReport read() throws MicroTvmException {
        if (earlyProblem != null) {
            throw earlyProblem;
        }
        if (early != null || file == null) {
            return early;
        }
        return BaselineReport.read(file);
    }
}
