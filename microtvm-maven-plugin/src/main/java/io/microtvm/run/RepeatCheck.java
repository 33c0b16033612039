package io.microtvm.run;

import java.util.List;

/**
 * Whether a run of several repetitions gave the same outputs every time: a model (or device) whose
 * outputs change from run to run fails it, which fails the run like a mismatch with the expected
 * outputs. Only the last repetition's outputs are downloaded, so the repetitions are compared by
 * the device's digest of each run's outputs where it reports one, else by downloading the first
 * run's outputs too and comparing the bytes on the host.
 *
 * @param outputs        the outputs compared, keys {@code output_0}, ...: all of them for a device digest
 *                       (which covers every output at once), one for a comparison on the host
 * @param method         how the runs were compared
 * @param passed         every compared run gave what the first gave
 * @param comparedRuns   the run numbers (1-based) compared with run 1: 2 … N for a device digest, N on the host
 * @param differingRuns  those of them whose outputs differed from run 1's; empty when passed
 * @param firstDigest    CRC-32 of run 1's outputs ({@link OutputDigest})
 * @param differingDigest CRC-32 of the first differing run's outputs; null when passed
 * @param message        one line for a person: what was compared and, for a failure, the runs, the
 *                       outputs and the digests
 */
public record RepeatCheck(List<String> outputs, Method method, boolean passed, List<Integer> comparedRuns,
                          List<Integer> differingRuns, long firstDigest, Long differingDigest, String message) {

    /** How the repetitions were compared. */
    public enum Method {
        /** the device's digest of each run's outputs (standalone protocol 1.1) */
        DEVICE_DIGEST("deviceDigest"),
        /** the first and the last run's outputs, downloaded and compared byte for byte on the host */
        HOST_COMPARISON("hostComparison");

        private final String jsonName;

        Method(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    public RepeatCheck {
        outputs = List.copyOf(outputs);
        comparedRuns = List.copyOf(comparedRuns);
        differingRuns = List.copyOf(differingRuns);
    }

    /** The JUnit testcase's name after the subject: which outputs, which runs. */
    public String testName() {
        String which = String.join(", ", outputs);
        int last = comparedRuns.get(comparedRuns.size() - 1);
        return method == Method.DEVICE_DIGEST
                ? which + " the same in all " + last + " runs"
                : which + " the same in runs 1 and " + last;
    }
}
