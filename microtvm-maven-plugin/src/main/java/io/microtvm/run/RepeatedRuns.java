package io.microtvm.run;

import io.microtvm.transport.DeviceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The model {@code repeat} times on a device with one upload and one download: the inputs go to the
 * device once (they stay there between runs), each repetition is one run request, and the outputs
 * are fetched once, after the last run. So that a model whose outputs change from run to run is still
 * caught, the runs are compared ({@link RepeatCheck}):
 * <ul>
 *   <li>where the device reports a digest of each run's outputs (standalone protocol 1.1), every
 *       run's digest must equal the first's, and the downloaded outputs must have the last run's
 *       digest (else the download or the firmware is at fault: a {@link DeviceException});</li>
 *   <li>where it reports none (host-driven RPC, a standalone firmware of 1.0), the outputs are also
 *       fetched after the first run, when there are more, and compared byte for byte with the last.</li>
 * </ul>
 *
 * <p>The host time of each repetition ({@link RunResult.Timing#hostSeconds()}) is the time from the
 * end of the previous one: the first repetition includes the upload of the inputs (and, without a
 * device digest, the download that the comparison needs), the last includes the download of the
 * outputs, those between are their run request alone. With one repetition that is the whole
 * inference, as before; the sum over the repetitions is the host time of all of it.
 */
public final class RepeatedRuns {

    /**
     * @param timings one per repetition
     * @param outputs the last run's outputs, in model order
     * @param checks  the comparison of the runs; empty with one repetition
     */
    public record Result(List<RunResult.Timing> timings, List<byte[]> outputs, List<RepeatCheck> checks) {
    }

    private RepeatedRuns() {
    }

    /**
     * @param inputs      every input's bytes, in model order
     * @param outputNames the outputs' keys ({@code output_0}, ...) in model order, for messages
     * @param progress    told the timings so far after each repetition
     */
    public static Result run(DeviceSession session, List<byte[]> inputs, List<String> outputNames, int repeat,
                             Consumer<List<RunResult.Timing>> progress) throws DeviceException {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
        }
        List<RunResult.Timing> timings = new ArrayList<>();
        List<Long> digests = new ArrayList<>();
        List<byte[]> firstOutputs = null;
        List<byte[]> outputs = null;
        long start = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            session.setInput(i, inputs.get(i));
        }
        for (int r = 1; r <= repeat; r++) {
            DeviceRun run = session.run();
            OptionalLong digest = run.outputDigest();
            if (r == 1) {
                digest.ifPresent(digests::add);
            } else if (!digests.isEmpty()) {
                // one firmware: a device that digested the first run digests them all
                if (digest.isEmpty()) {
                    throw new DeviceException("The device reported a digest of the outputs after run 1 but none"
                            + " after run " + r + ": its RUN replies are inconsistent.");
                }
                digests.add(digest.getAsLong());
            }
            if (r == 1 && digests.isEmpty() && repeat > 1) {
                firstOutputs = fetch(session, outputNames.size());
            }
            if (r == repeat) {
                outputs = fetch(session, outputNames.size());
            }
            long end = System.nanoTime();
            timings.add(new RunResult.Timing(run.seconds().orElse(Double.NaN), (end - start) / 1e9));
            start = end;
            progress.accept(List.copyOf(timings));
        }
        List<RepeatCheck> checks = new ArrayList<>();
        if (!digests.isEmpty()) {
            requireDownloadMatchesDigest(outputs, digests.get(digests.size() - 1), repeat);
            if (repeat > 1) {
                checks.add(byDigest(digests, outputNames));
            }
        } else if (repeat > 1) {
            for (int i = 0; i < outputNames.size(); i++) {
                checks.add(onHost(outputNames.get(i), firstOutputs.get(i), outputs.get(i), repeat));
            }
        }
        return new Result(List.copyOf(timings), outputs, List.copyOf(checks));
    }

    private static List<byte[]> fetch(DeviceSession session, int count) throws DeviceException {
        List<byte[]> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outputs.add(session.getOutput(i));
        }
        return outputs;
    }

    /** The bytes read back must be what the device digested after the last run; anything else is a fault, not the model's. */
    private static void requireDownloadMatchesDigest(List<byte[]> outputs, long deviceDigest, int lastRun)
            throws DeviceException {
        long hostDigest = OutputDigest.of(outputs);
        if (hostDigest != deviceDigest) {
            throw new DeviceException("The outputs read back after run " + lastRun + " have CRC-32 "
                    + OutputDigest.format(hostDigest) + ", but the device reported " + OutputDigest.format(deviceDigest)
                    + " for them at the end of that run: the download was damaged or the firmware changed its outputs"
                    + " after the run. Run again; if it persists, the link or the firmware is at fault.");
        }
    }

    private static RepeatCheck byDigest(List<Long> digests, List<String> outputNames) {
        long first = digests.get(0);
        List<Integer> compared = new ArrayList<>();
        List<Integer> differing = new ArrayList<>();
        for (int r = 2; r <= digests.size(); r++) {
            compared.add(r);
            if (digests.get(r - 1) != first) {
                differing.add(r);
            }
        }
        String which = outputNames.size() == 1 ? outputNames.get(0) : "the outputs (" + String.join(", ", outputNames)
                + ", one digest for all)";
        int runs = digests.size();
        if (differing.isEmpty()) {
            return new RepeatCheck(outputNames, RepeatCheck.Method.DEVICE_DIGEST, true, compared, List.of(), first, null,
                    which + ": the same in all " + runs + " runs (device digest CRC-32 " + OutputDigest.format(first)
                    + ")");
        }
        int run = differing.get(0);
        long other = digests.get(run - 1);
        String message = which + (outputNames.size() == 1 ? " differs" : " differ")
                + " from run to run: the device's CRC-32 after run " + run + " is "
                + OutputDigest.format(other) + ", after run 1 " + OutputDigest.format(first) + "; " + differing.size()
                + " of runs 2 to " + runs + " differ from run 1 (runs " + describe(differing) + "). The model (or the"
                + " device) is not deterministic on the same inputs; the outputs written are run " + runs + "'s.";
        return new RepeatCheck(outputNames, RepeatCheck.Method.DEVICE_DIGEST, false, compared, differing, first, other,
                message);
    }

    private static RepeatCheck onHost(String name, byte[] first, byte[] last, int lastRun) {
        long firstDigest = OutputDigest.of(first);
        long lastDigest = OutputDigest.of(last);
        int at = Arrays.mismatch(first, last);
        if (at < 0) {
            return new RepeatCheck(List.of(name), RepeatCheck.Method.HOST_COMPARISON, true, List.of(lastRun), List.of(),
                    firstDigest, null, name + ": the same after run 1 and run " + lastRun + " (compared on the host, CRC-32 "
                    + OutputDigest.format(firstDigest) + ")");
        }
        String message = name + " differs between run 1 and run " + lastRun + " (compared on the host; the device"
                + " reports no digest): first at byte " + at + " (0x" + hex(first, at) + " after run 1, 0x"
                + hex(last, at) + " after run " + lastRun + "), CRC-32 " + OutputDigest.format(firstDigest) + " vs "
                + OutputDigest.format(lastDigest) + ". The model (or the device) is not deterministic on the same"
                + " inputs; the outputs written are run " + lastRun + "'s.";
        return new RepeatCheck(List.of(name), RepeatCheck.Method.HOST_COMPARISON, false, List.of(lastRun),
                List.of(lastRun), firstDigest, lastDigest, message);
    }

    private static String hex(byte[] bytes, int at) {
        return at < bytes.length ? String.format("%02x", bytes[at] & 0xFF) : "(none)";
    }

    /** {@code 2, 3, 5} or, for long lists, the first few and how many more. */
    private static String describe(List<Integer> runs) {
        List<String> shown = runs.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", shown) + (runs.size() > shown.size() ? " and " + (runs.size() - shown.size())
                + " more" : "");
    }
}
