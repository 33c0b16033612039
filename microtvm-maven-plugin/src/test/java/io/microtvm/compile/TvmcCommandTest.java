package io.microtvm.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.BuildLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tvmc compile command line: the flags TVM v0.18.0's tvmc reads, one argument per value. */
class TvmcCommandTest {

    private static final Path MODEL = Path.of("/m/kws.tflite");
    private static final Path OUT = Path.of("/t/model.tar");
    private static final TvmVersion V18 = TvmVersion.parse("0.18.0");
    private static final TvmVersion V17 = TvmVersion.parse("0.17.0");

    private static CompileSettings settings(String target, ProjectKind kind, Map<String, String> options, String shapes,
                                            List<String> extra) throws CompileException {
        return CompileSettings.resolve(new BoardDefaults.Choice(target, kind, "test", Optional.empty()),
                TvmcOptions.parse(options), shapes, extra, BuildLog.NONE);
    }

    @Test
    void standaloneOnACortexM3() throws Exception {
        List<String> argv = TvmcCommand.of("python3", MODEL, ModelFormat.TFLITE,
                settings("c -mcpu=cortex-m3", ProjectKind.STANDALONE, Map.of(), null, List.of()), OUT, V18);
        assertThat(argv).containsExactly("python3", "-m", "tvm.driver.tvmc", "compile",
                "--executor=aot", "--executor-aot-interface-api=c", "--executor-aot-unpacked-api=1",
                "--runtime=crt", "--target=c -mcpu=cortex-m3",
                "--pass-config", "tir.disable_vectorize=1", "--pass-config", "tir.usmp.enable=1",
                "--model-format=tflite", "--output-format=mlf", "--output=/t/model.tar", "/m/kws.tflite");
    }

    @Test
    void hostDrivenLeavesTheFalseUnpackedApiToTvmsDefault() throws Exception {
        List<String> argv = TvmcCommand.of("python3", MODEL, ModelFormat.TFLITE,
                settings("c", ProjectKind.HOST_DRIVEN, Map.of(), null, List.of()), OUT, V18);
        // "--executor-aot-unpacked-api=0" would be True in 0.18 (bool("0")): leaving it out is false everywhere
        assertThat(argv).contains("--executor=aot", "--executor-aot-interface-api=packed", "--runtime=crt",
                "--runtime-crt-system-lib=1", "--target=c")
                .noneMatch(a -> a.startsWith("--executor-aot-unpacked-api"));
    }

    @Test
    void aFalseThatIsNotTvmsDefaultIsWrittenAsTheVersionReadsIt() throws Exception {
        CompileSettings s = settings("c", ProjectKind.STANDALONE, Map.of("executor-aot-link-params", "false"), null, List.of());
        assertThat(TvmcCommand.of("python3", MODEL, ModelFormat.TFLITE, s, OUT, V18)).contains("--executor-aot-link-params=");
        assertThat(TvmcCommand.of("python3", MODEL, ModelFormat.TFLITE, s, OUT, V17)).contains("--executor-aot-link-params=0");
    }

    @Test
    void graphExecutorOnOnnxWithShapesAndExtraArguments() throws Exception {
        CompileSettings s = settings("c", ProjectKind.HOST_DRIVEN, Map.of("executor", "graph", "opt-level", "2"),
                "input_1:[1,49,10,1]", List.of("--desired-layout", "NHWC"));
        List<String> argv = TvmcCommand.of("/usr/bin/python3", Path.of("/m/net.onnx"), ModelFormat.ONNX, s, OUT, V18);
        assertThat(argv).containsSubsequence("--executor=graph", "--opt-level=2", "--runtime=crt",
                "--runtime-crt-system-lib=1", "--target=c", "--pass-config", "tir.disable_vectorize=1",
                "--input-shapes=input_1:[1,49,10,1]", "--model-format=onnx", "--output-format=mlf",
                "--output=/t/model.tar", "--desired-layout", "NHWC", "/m/net.onnx");
        assertThat(argv).noneMatch(a -> a.contains("usmp") || a.startsWith("--executor-graph-link-params"));
        assertThat(argv.get(argv.size() - 1)).isEqualTo("/m/net.onnx");
    }
}
