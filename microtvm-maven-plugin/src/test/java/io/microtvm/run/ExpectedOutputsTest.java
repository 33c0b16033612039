package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedOutputsTest {
    private static final List<TensorSpec> OUTPUTS = List.of(
            new TensorSpec("StatefulPartitionedCall:0", DType.FLOAT32, new long[] {1, 2}, true, 8),
            new TensorSpec("output_1", DType.INT8, new long[] {4}, true, 4));
    private static final NdArray A = NdArray.ofDoubles(DType.FLOAT32, new long[] {1, 2}, 1, 2);
    private static final NdArray B = NdArray.ofLongs(DType.INT8, new long[] {4}, 1, 2, 3, 4);

    private static Map<String, NdArray> npz(Object... kv) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (NdArray) kv[i + 1]);
        }
        return m;
    }

    @Test
    void outputNAndTheModelsOwnNamesBothFindTheirOutput() throws Exception {
        assertThat(ExpectedOutputs.byOutputKey(npz("output_0", A, "output_1", B), OUTPUTS, "f"))
                .containsExactly(Map.entry("output_0", A), Map.entry("output_1", B));
        assertThat(ExpectedOutputs.byOutputKey(npz("StatefulPartitionedCall:0", A), OUTPUTS, "f"))
                .containsExactly(Map.entry("output_0", A));
    }

    @Test
    void aNameTheModelDoesNotHaveIsAnErrorListingTheNamesItHas() {
        assertThatThrownBy(() -> ExpectedOutputs.byOutputKey(npz("Identity", A, "output_7", B), OUTPUTS, "expected.npz"))
                .isInstanceOf(MicroTvmException.class)
                .hasMessage("expected.npz has arrays named 'Identity', 'output_7', which the model has no outputs for."
                        + " The model's outputs: output_0 ('StatefulPartitionedCall:0'), output_1.");
    }

    @Test
    void twoArraysForOneOutputAreAnError() {
        assertThatThrownBy(() -> ExpectedOutputs.byOutputKey(npz("output_0", A, "StatefulPartitionedCall:0", A),
                OUTPUTS, "f"))
                .hasMessageContaining("two arrays for output_0 ('StatefulPartitionedCall:0'): 'output_0' and"
                        + " 'StatefulPartitionedCall:0'");
    }

    @Test
    void outputsWithoutAnArrayAreNamedAsUnchecked() throws Exception {
        var byKey = ExpectedOutputs.byOutputKey(npz("output_1", B), OUTPUTS, "f");
        assertThat(ExpectedOutputs.unchecked(byKey, OUTPUTS)).containsExactly("output_0 ('StatefulPartitionedCall:0')");
        assertThat(ExpectedOutputs.unchecked(ExpectedOutputs.byOutputKey(npz("output_0", A, "output_1", B), OUTPUTS,
                "f"), OUTPUTS)).isEmpty();
    }
}
