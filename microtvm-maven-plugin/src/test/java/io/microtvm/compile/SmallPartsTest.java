package io.microtvm.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.Setting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Model formats, input shapes and TVM versions. */
class SmallPartsTest {

    @Test
    void modelFormatFromTheExtensionOrTheParameter() throws Exception {
        assertThat(ModelFormat.of(Path.of("a/kws_ref_model.tflite"), null)).isEqualTo(ModelFormat.TFLITE);
        assertThat(ModelFormat.of(Path.of("net.ONNX"), "")).isEqualTo(ModelFormat.ONNX);
        assertThat(ModelFormat.of(Path.of("model.bin"), "tflite")).isEqualTo(ModelFormat.TFLITE);
        assertThatThrownBy(() -> ModelFormat.of(Path.of("model.bin"), null))
                .hasMessageContaining("model.bin").hasMessageContaining(".tflite or .onnx")
                .isInstanceOfSatisfying(CompileException.class,
                        e -> assertThat(e.setting()).contains(Setting.MODEL_FORMAT));
        assertThatThrownBy(() -> ModelFormat.of(Path.of("m.tflite"), "keras"))
                .hasMessageContaining("'keras'").hasMessageContaining("tflite, onnx");
    }

    @Test
    void inputShapesInTvmcsSyntax() throws Exception {
        assertThat(InputShapes.parse(null)).isNull();
        assertThat(InputShapes.parse("  ")).isNull();
        assertThat(InputShapes.parse("input_1:[1, 49, 10, 1]")).isEqualTo("input_1:[1,49,10,1]");
        assertThat(InputShapes.parse("a:[1,-1]  serving_default/x:0:[2] b.c:[3]"))
                .isEqualTo("a:[1,-1] serving_default/x:0:[2] b.c:[3]");
        assertThatThrownBy(() -> InputShapes.parse("input_1:[1,49,10,1] oops"))
                .hasMessageContaining("'oops' is not a shape")
                .isInstanceOfSatisfying(CompileException.class,
                        e -> assertThat(e.setting()).contains(Setting.INPUT_SHAPES));
        assertThatThrownBy(() -> InputShapes.parse("input_1=[1,2]")).hasMessageContaining("NAME:[DIM,DIM,...]");
        assertThatThrownBy(() -> InputShapes.parse("a:[1,x]")).isInstanceOf(CompileException.class);
    }

    @Test
    void tvmVersions() {
        assertThat(TvmVersion.parse("0.18.0").supportWarning()).isEmpty();
        assertThat(TvmVersion.parse("0.13.0").supportWarning()).isEmpty();
        assertThat(TvmVersion.parse("0.16.dev0+g1234").supportWarning()).isEmpty();
        assertThat(TvmVersion.parse("0.12.0").supportWarning()).get().asString().contains("0.12.0", "0.13 to 0.18");
        assertThat(TvmVersion.parse("0.19.dev0").supportWarning()).get().asString().contains("outside");
        assertThat(TvmVersion.parse("1.0.0").supportWarning()).isPresent();
        assertThat(TvmVersion.parse("unknown").supportWarning()).get().asString().contains("cannot read");
        assertThat(TvmVersion.parse("0.17.0").falseArgument()).isEqualTo("0");
        assertThat(TvmVersion.parse("0.18.0").falseArgument()).isEmpty();
        assertThat(TvmVersion.parse("0.20.0").falseArgument()).isEmpty();
    }
}
