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

/** The inputs of a run: given ones checked against the model, missing ones filled, model order kept. */
class ModelInputsTest {
    static final TensorSpec IMAGE = new TensorSpec("image", DType.FLOAT32, new long[] {1, 3}, true, 12);
    static final TensorSpec LABELS = new TensorSpec("labels", DType.INT8, new long[] {2}, true, 2);
    static final List<TensorSpec> MODEL = List.of(IMAGE, LABELS);
    static final String SOURCE = "src/test/in.npz";

    static final NdArray GOOD_IMAGE = NdArray.ofDoubles(DType.FLOAT32, new long[] {1, 3}, 0.5, -1.5, 2.0);
    static final NdArray GOOD_LABELS = NdArray.ofLongs(DType.INT8, new long[] {2}, -3, 9);

    private static Map<String, NdArray> given(Object... nameThenArray) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenArray.length; i += 2) {
            m.put((String) nameThenArray[i], (NdArray) nameThenArray[i + 1]);
        }
        return m;
    }

    @Test
    void givenInputsPassThroughUnchanged() throws Exception {
        List<NdArray> inputs = ModelInputs.prepare(MODEL, given("image", GOOD_IMAGE, "labels", GOOD_LABELS),
                SOURCE, FillMode.ZEROS, 1);

        assertThat(inputs).containsExactly(GOOD_IMAGE, GOOD_LABELS);
    }

    @Test
    void missingInputsAreFilledByTheFillMode() throws Exception {
        List<NdArray> inputs = ModelInputs.prepare(MODEL, given("image", GOOD_IMAGE), SOURCE, FillMode.ONES, 1);

        assertThat(inputs).containsExactly(GOOD_IMAGE, NdArray.ofLongs(DType.INT8, new long[] {2}, 1, 1));
    }

    @Test
    void withNothingGivenEveryInputIsFilledWithItsDtypeAndShape() throws Exception {
        List<NdArray> inputs = ModelInputs.prepare(MODEL, Map.of(), "(none)", FillMode.ZEROS, 1);

        assertThat(inputs).containsExactly(NdArray.zeros(DType.FLOAT32, 1, 3), NdArray.zeros(DType.INT8, 2));
    }

    @Test
    void theRandomFillIsRepeatableWithTheSameSeed() throws Exception {
        List<NdArray> first = ModelInputs.prepare(MODEL, Map.of(), "(none)", FillMode.RANDOM, 99);
        List<NdArray> again = ModelInputs.prepare(MODEL, Map.of(), "(none)", FillMode.RANDOM, 99);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void anUnknownNameFailsListingTheModelsInputs() {
        assertThatThrownBy(() -> ModelInputs.prepare(MODEL, given("imgae", GOOD_IMAGE), SOURCE, FillMode.ZEROS, 1))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("The inputs in " + SOURCE + " do not fit the model")
                .hasMessageContaining("'imgae' is not an input of the model")
                .hasMessageContaining("Model inputs: image float32[1, 3], labels int8[2].");
    }

    @Test
    void aWrongDtypeFailsNamingBothDtypes() {
        NdArray doubles = NdArray.ofDoubles(DType.FLOAT64, new long[] {1, 3}, 0.5, -1.5, 2.0);

        assertThatThrownBy(() -> ModelInputs.prepare(MODEL, given("image", doubles), SOURCE, FillMode.ZEROS, 1))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("'image' has dtype float64, the model expects float32");
    }

    @Test
    void aWrongShapeFailsNamingBothShapes() {
        NdArray flat = NdArray.ofDoubles(DType.FLOAT32, new long[] {3}, 0.5, -1.5, 2.0);

        assertThatThrownBy(() -> ModelInputs.prepare(MODEL, given("image", flat), SOURCE, FillMode.ZEROS, 1))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("'image' has shape [3], the model expects [1, 3]");
    }

    @Test
    void aShapeTheModelDoesNotRecordIsCheckedByElementCountOnly() throws Exception {
        TensorSpec unknown = new TensorSpec("x", DType.INT16, new long[] {6}, false, 12);
        NdArray twoByThree = NdArray.ofLongs(DType.INT16, new long[] {2, 3}, 1, 2, 3, 4, 5, 6);

        assertThat(ModelInputs.prepare(List.of(unknown), given("x", twoByThree), SOURCE, FillMode.ZEROS, 1))
                .containsExactly(twoByThree);

        NdArray seven = NdArray.zeros(DType.INT16, 7);
        assertThatThrownBy(() -> ModelInputs.prepare(List.of(unknown), given("x", seven), SOURCE, FillMode.ZEROS, 1))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("'x' has shape [7], the model expects [6]")
                .hasMessageContaining("Model inputs: x int16[6] (shape unknown).");
    }

    @Test
    void aKnownShapeIsNotSatisfiedByTheSameElementCount() {
        NdArray threeByOne = NdArray.ofDoubles(DType.FLOAT32, new long[] {3, 1}, 0.5, -1.5, 2.0);

        assertThatThrownBy(() -> ModelInputs.prepare(MODEL, given("image", threeByOne), SOURCE, FillMode.ZEROS, 1))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("'image' has shape [3, 1], the model expects [1, 3]");
    }

    @Test
    void everyProblemIsReportedInOneMessage() {
        Map<String, NdArray> bad = given(
                "extra", GOOD_LABELS,
                "image", NdArray.zeros(DType.FLOAT32, 3),
                "labels", NdArray.zeros(DType.UINT8, 2));

        assertThatThrownBy(() -> ModelInputs.prepare(MODEL, bad, SOURCE, FillMode.ZEROS, 1))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("'extra' is not an input of the model")
                .hasMessageContaining("'image' has shape [3], the model expects [1, 3]")
                .hasMessageContaining("'labels' has dtype uint8, the model expects int8")
                .hasMessageContaining("Model inputs: image float32[1, 3], labels int8[2].");
    }

    @Test
    void theResultFollowsTheModelsOrderNotTheFilesOrder() throws Exception {
        Map<String, NdArray> reversed = given("labels", GOOD_LABELS, "image", GOOD_IMAGE);

        List<NdArray> inputs = ModelInputs.prepare(MODEL, reversed, SOURCE, FillMode.ZEROS, 1);

        assertThat(inputs).containsExactly(GOOD_IMAGE, GOOD_LABELS);
    }
}
