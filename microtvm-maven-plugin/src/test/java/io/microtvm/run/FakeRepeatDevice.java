package io.microtvm.run;

import io.microtvm.npz.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * A fake device for the logic of repeated runs, where a real firmware cannot be made to misbehave
 * in every way needed: its outputs after run {@code n} are what the test's function says, it
 * reports a digest of them or not (as a standalone 1.1 or a 1.0/host-driven device), and it can
 * damage what it sends back. It counts every upload, run and download.
 */
final class FakeRepeatDevice implements DeviceSession {
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final IntFunction<List<byte[]>> outputsAfterRun;
    private final boolean reportsDigest;
    private boolean damageDownloads;
    private List<byte[]> current;
    private int runs;
    final List<Integer> uploads = new ArrayList<>();
    final List<Integer> downloads = new ArrayList<>();

    /**
     * @param outputsAfterRun the outputs the device holds after run n (1-based)
     * @param reportsDigest   whether each run's reply carries the outputs' CRC-32
     */
    FakeRepeatDevice(int inputCount, int outputBytes, int outputCount, IntFunction<List<byte[]>> outputsAfterRun,
                     boolean reportsDigest) {
        this.inputs = specs("in", inputCount, 4);
        this.outputs = specs("out", outputCount, outputBytes);
        this.outputsAfterRun = outputsAfterRun;
        this.reportsDigest = reportsDigest;
    }

    /** From now on every downloaded output has its first byte changed, as a damaged link would. */
    FakeRepeatDevice damagingDownloads() {
        damageDownloads = true;
        return this;
    }

    int runs() {
        return runs;
    }

    private static List<TensorSpec> specs(String prefix, int count, int bytes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(new TensorSpec(prefix + i, DType.INT8, new long[] {bytes}, true, bytes));
        }
        return specs;
    }

    @Override
    public String modelId() {
        return "fake";
    }

    @Override
    public String timerName() {
        return "the fake's counter";
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public void setInput(int index, byte[] data) {
        uploads.add(index);
    }

    @Override
    public DeviceRun run() {
        runs++;
        current = outputsAfterRun.apply(runs);
        return new DeviceRun(OptionalDouble.of(1e-3), reportsDigest ? OptionalLong.of(OutputDigest.of(current))
                : OptionalLong.empty());
    }

    @Override
    public byte[] getOutput(int index) {
        downloads.add(index);
        byte[] data = current.get(index).clone();
        if (damageDownloads) {
            data[0] ^= 0x40;
        }
        return data;
    }
}
