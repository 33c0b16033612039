package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputShapesTest {
    // kws's output as a standalone AOT MLF describes it: 12 int8 elements, shape not recorded
    static final TensorSpec KWS_FLAT = new TensorSpec("Identity", DType.INT8, new long[] {12}, false, 12);
    static final TensorSpec KWS_KNOWN = new TensorSpec("Identity", DType.INT8, new long[] {1, 12}, true, 12);

    @Test
    void theModelsOwnShapeComesFirst() throws Exception {
        var r = OutputShapes.parse("output_0:[12,1]").resolve(0, KWS_KNOWN, null);
        assertThat(r.shape()).containsExactly(1, 12);
        assertThat(r.source()).isEqualTo(OutputShapes.Source.DEVICE);
    }

    @Test
    void theParameterGivesAShapeTheModelDoesNotRecordByPositionOrByName() throws Exception {
        var byPosition = OutputShapes.parse("output_0:[1,12]").resolve(0, KWS_FLAT, null);
        assertThat(byPosition.shape()).containsExactly(1, 12);
        assertThat(byPosition.source()).isEqualTo(OutputShapes.Source.PARAMETER);
        var byName = OutputShapes.parse(" Identity : [1, 3, 4] ").resolve(0, KWS_FLAT, null);
        assertThat(byName.shape()).containsExactly(1, 3, 4);
    }

    @Test
    void theParameterWinsOverExpectedOutputsWhichWinsOverFlat() throws Exception {
        NdArray expected = NdArray.of(DType.INT8, new long[] {1, 12}, new byte[12]);
        assertThat(OutputShapes.parse("output_0:[2,6]").resolve(0, KWS_FLAT, expected).shape()).containsExactly(2, 6);
        var fromExpected = OutputShapes.NONE.resolve(0, KWS_FLAT, expected);
        assertThat(fromExpected.shape()).containsExactly(1, 12);
        assertThat(fromExpected.source()).isEqualTo(OutputShapes.Source.EXPECTED_OUTPUTS);
        var none = OutputShapes.NONE.resolve(0, KWS_FLAT, null);
        assertThat(none.shape()).containsExactly(12);
        assertThat(none.source()).isEqualTo(OutputShapes.Source.NONE);
    }

    @Test
    void severalEntriesAndAScalar() throws Exception {
        OutputShapes shapes = OutputShapes.parse("output_0:[2,3]; output_1:[]");
        var scalar = new TensorSpec("y", DType.FLOAT32, new long[] {1}, false, 4);
        assertThat(shapes.resolve(1, scalar, null).shape()).isEmpty();
        assertThat(shapes.unknownNames(List.of(KWS_FLAT, scalar))).isEmpty();
        assertThat(shapes.unknownNames(List.of(KWS_FLAT))).containsExactly("output_1");
    }

    @Test
    void aShapeOfAnotherElementCountIsAnErrorNamingTheParameter() throws Exception {
        OutputShapes shapes = OutputShapes.parse("output_0:[1,13]");
        assertThatThrownBy(() -> shapes.resolve(0, KWS_FLAT, null))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.OUTPUT_SHAPES))
                .hasMessageContaining("[1, 13] of 13 elements")
                .hasMessageContaining("has 12");
    }

    @Test
    void malformedTextIsAnErrorSayingTheExpectedForm() {
        assertThatThrownBy(() -> OutputShapes.parse("output_0=(1,12)"))
                .isInstanceOfSatisfying(MicroTvmException.class,
                        e -> assertThat(e.setting()).contains(Setting.OUTPUT_SHAPES))
                .hasMessageContaining("output_0:[1,12]");
        assertThatThrownBy(() -> OutputShapes.parse("output_0:[1,x]"))
                .isInstanceOf(MicroTvmException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> OutputShapes.parse("output_0:[1],output_0:[1]"))
                .isInstanceOf(MicroTvmException.class).hasMessageContaining("twice");
    }
}
