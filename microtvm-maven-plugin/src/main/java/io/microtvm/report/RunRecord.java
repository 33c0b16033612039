package io.microtvm.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One run as its JSON report tells it (the run report contract, schema 2, or the older reports that
 * had only project, modelId, passed, timing, footprint and checks). Every fact the report does not
 * give is null (an empty list for lists): the page, the CSV and the summary show it as unknown and
 * never invent it.
 *
 * @param file        the report's file name, e.g. {@code microtvm-com.acme.kws.on-device.json}
 * @param suite       the testsuite name; for an old report its project name
 * @param status      passed, failed, error or skipped (old reports: from {@code passed})
 * @param modelName   the model file's name, else the model id the device reported
 * @param deviceUnit  what the device time counts: seconds, or emulated instructions under icount
 * @param footprint   flash and RAM, null when the template reports none
 * @param skipReason  why a skipped run was skipped, e.g. {@code skipTests=true}; null when not told
 */
public record RunRecord(
        String file, String suite, String module, String execution, String project, Status status,
        String timestamp, String hostname, String platform, String board,
        String modelName, String modelFile, String modelSha256, String modelId,
        String protocol, String fillMode, Long seed,
        Integer runs, String deviceTimer, DeviceTimeUnit deviceUnit,
        Spread deviceSeconds, Spread hostSeconds, List<Double> deviceSecondsPerRun, List<Double> hostSecondsPerRun,
        Footprint footprint, List<Check> checks, List<Gate> gates, Failure error, String skipReason) {

    public RunRecord {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(deviceUnit, "deviceUnit");
        Objects.requireNonNull(deviceSeconds, "deviceSeconds");
        Objects.requireNonNull(hostSeconds, "hostSeconds");
        deviceSecondsPerRun = copyKeepingNulls(deviceSecondsPerRun);
        hostSecondsPerRun = copyKeepingNulls(hostSecondsPerRun);
        checks = List.copyOf(checks == null ? List.of() : checks);
        gates = List.copyOf(gates == null ? List.of() : gates);
    }

    /** How a run ended, as the contract's {@code status} names it. */
    public enum Status {
        PASSED, FAILED, ERROR, SKIPPED;

        /** The contract's word: {@code passed}, {@code failed}, {@code error}, {@code skipped}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The status the word names, or null for anything else. */
        public static Status ofWord(String word) {
            for (Status s : values()) {
                if (s.word().equals(word)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Min, median and max of a series; each null when not measured. */
    public record Spread(Double min, Double median, Double max) {
        public static final Spread NONE = new Spread(null, null, null);
    }

    /** Bytes of flash and RAM the firmware needs, and the board's capacities (null when not reported). */
    public record Footprint(Long flashBytes, Long flashCapacityBytes, Long ramBytes, Long ramCapacityBytes) {
    }

    /**
     * One output compared with its expected value.
     *
     * @param absErrorPerElement |actual - expected| per element in order, for a failed check (may be truncated)
     */
    public record Check(String output, boolean passed, String message, Double maxAbsError, Double rmse,
                        Boolean top1Agrees, Double cosineSimilarity, List<Double> absErrorPerElement, boolean truncated) {
        public Check {
            absErrorPerElement = copyKeepingNulls(absErrorPerElement);
        }
    }

    /** A latency or regression gate the run was held to. */
    public record Gate(String name, boolean passed, Double measured, Double limit, String unit, String message) {
    }

    /** Why a run could not complete. */
    public record Failure(String type, String message) {
    }

    /** The platform and board as one label, {@code qemu-arm / mps2-an386}; null when neither is known. */
    public String target() {
        if (platform == null) {
            return board;
        }
        return board == null ? platform : platform + " / " + board;
    }

    /** The largest max abs error over the outputs, null when no check measured one. */
    public Double worstMaxAbsError() {
        return checks.stream().map(Check::maxAbsError).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    /** The largest RMSE over the outputs, null when no check measured one. */
    public Double worstRmse() {
        return checks.stream().map(Check::rmse).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    /** The lowest cosine similarity over the outputs, null when no check measured one. */
    public Double worstCosineSimilarity() {
        return checks.stream().map(Check::cosineSimilarity).filter(Objects::nonNull).min(Double::compare).orElse(null);
    }

    /** Whether the top-1 index agrees on every output it applies to; null when it applies to none. */
    public Boolean top1Agrees() {
        List<Boolean> known = checks.stream().map(Check::top1Agrees).filter(Objects::nonNull).toList();
        return known.isEmpty() ? null : known.stream().allMatch(Boolean::booleanValue);
    }

    // List.copyOf refuses nulls; a repeat without a device time is a null entry that must keep its place
    private static <T> List<T> copyKeepingNulls(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
