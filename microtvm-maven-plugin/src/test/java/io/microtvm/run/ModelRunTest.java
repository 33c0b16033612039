package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import org.junit.jupiter.api.Test;

/** The shape an output is saved with: the model's when known, else the expected one's when it fits. */
class ModelRunTest {
    static final TensorSpec KNOWN = new TensorSpec("output", DType.FLOAT32, new long[] {1, 10}, true, 40);
    static final TensorSpec UNKNOWN = new TensorSpec("output", DType.FLOAT32, new long[] {10}, false, 40);

    @Test
    void aKnownShapeIsKeptWhateverTheExpectedOutputSays() {
        assertThat(ModelRun.outputShape(KNOWN, NdArray.zeros(DType.FLOAT32, 2, 5))).containsExactly(1, 10);
        assertThat(ModelRun.outputShape(KNOWN, NdArray.zeros(DType.FLOAT32, 3))).containsExactly(1, 10);
        assertThat(ModelRun.outputShape(KNOWN, null)).containsExactly(1, 10);
    }

    @Test
    void anUnknownShapeTakesTheExpectedShapeWhenTheElementCountsAgree() {
        assertThat(ModelRun.outputShape(UNKNOWN, NdArray.zeros(DType.FLOAT32, 2, 5))).containsExactly(2, 5);
        assertThat(ModelRun.outputShape(UNKNOWN, NdArray.zeros(DType.FLOAT32, 1, 10, 1))).containsExactly(1, 10, 1);
    }

    @Test
    void anUnknownShapeStaysOneDimensionalWhenTheCountsDifferOrNothingIsExpected() {
        assertThat(ModelRun.outputShape(UNKNOWN, NdArray.zeros(DType.FLOAT32, 3, 3))).containsExactly(10);
        assertThat(ModelRun.outputShape(UNKNOWN, null)).containsExactly(10);
    }
}
