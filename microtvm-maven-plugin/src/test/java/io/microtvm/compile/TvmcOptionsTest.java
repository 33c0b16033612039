package io.microtvm.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** compileOptions are typed as tvmc declares them; unknown tvmc options are refused, pass configs pass. */
class TvmcOptionsTest {

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void valuesAreConvertedToTheirTypes() throws Exception {
        TvmcOptions.Typed t = TvmcOptions.parse(map("executor-aot-unpacked-api", "1", "runtime-crt-system-lib", " TRUE ",
                "executor-aot-link-params", "false", "opt-level", "2", "executor", "graph", "target", "c -mcpu=cortex-m7",
                "tir.disable_vectorize", "0", "tir.usmp.algorithm", "hill_climb"));
        assertThat(t.flags()).containsEntry("executor-aot-unpacked-api", true).containsEntry("runtime-crt-system-lib", true)
                .containsEntry("executor-aot-link-params", false).containsEntry("opt-level", 2L)
                .containsEntry("executor", "graph").containsEntry("target", "c -mcpu=cortex-m7");
        assertThat(t.passConfig()).containsEntry("tir.disable_vectorize", false).containsEntry("tir.usmp.algorithm", "hill_climb");
    }

    @Test
    void unknownPassConfigsArePassedThroughForTvmToCheck() throws Exception {
        TvmcOptions.Typed t = TvmcOptions.parse(map("relay.FuseOps.max_depth", "10", "tir.some_plugin_option", "x"));
        assertThat(t.passConfig()).containsEntry("relay.FuseOps.max_depth", "10").containsEntry("tir.some_plugin_option", "x");
    }

    @Test
    void everyProblemIsReportedAtOnceWithWhatWasGivenAndExpected() {
        assertThatThrownBy(() -> TvmcOptions.parse(map(
                "executor-aot-unpacked-api", "yes",
                "opt-level", "4",
                "executor", "vm",
                "exector", "aot",
                "--target", "c",
                "output", "x.tar",
                "input-shapes", "a:[1]",
                "tir.usmp.algorithm", "best",
                "tir.foo", "a=b")))
                .isInstanceOf(CompileException.class)
                .hasMessageStartingWith("9 invalid entries in compileOptions:")
                .hasMessageContaining("'executor-aot-unpacked-api': given 'yes', expected a bool: true, false, 1 or 0")
                .hasMessageContaining("'opt-level': given '4', expected an integer from 0 to 3")
                .hasMessageContaining("'executor': given 'vm', expected one of aot, graph")
                .hasMessageContaining("'exector': not a tvmc compile option the plugin knows; did you mean 'executor'?")
                .hasMessageContaining("'--target': give the name without dashes ('target')")
                .hasMessageContaining("'output' is not an option to give here")
                .hasMessageContaining("'input-shapes' is not an option to give here: set inputShapes")
                .hasMessageContaining("pass config 'tir.usmp.algorithm': given 'best', expected one of greedy_by_size")
                .hasMessageContaining("pass config 'tir.foo': given 'a=b'");
    }

    @Test
    void anUnknownNameFarFromAllKnownOnesListsThem() {
        assertThatThrownBy(() -> TvmcOptions.parse(map("desired-layout", "NHWC")))
                .hasMessageContaining("'desired-layout': not a tvmc compile option the plugin knows. Known: target, executor")
                .hasMessageContaining("compileArguments");
    }

    @Test
    void noOptionsIsEmpty() throws Exception {
        assertThat(TvmcOptions.parse(null).flags()).isEmpty();
        assertThat(TvmcOptions.parse(Map.of()).passConfig()).isEmpty();
    }
}
