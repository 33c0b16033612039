package io.microtvm.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Default executor/runtime/pass configs per project kind, and the user's options on top. */
class CompileSettingsTest {

    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) { warnings.add(message); }
        @Override public void error(String message) { }
    };

    private static BoardDefaults.Choice choice(String target, ProjectKind kind) {
        return new BoardDefaults.Choice(target, kind, "test", Optional.empty());
    }

    private CompileSettings resolve(ProjectKind kind, String... options) throws CompileException {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return CompileSettings.resolve(choice("c -mcpu=cortex-m4", kind), TvmcOptions.parse(map), null, List.of(), log);
    }

    @Test
    void standaloneIsAotWithTheCInterfaceUnpackedApiRuntimeCrtAndUsmp() throws Exception {
        CompileSettings s = resolve(ProjectKind.STANDALONE);
        // fixtures/mlf/PROVENANCE.md: Executor("aot", {"interface-api": "c", "unpacked-api": true}), Runtime("crt")
        assertThat(s.flags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "target", "c -mcpu=cortex-m4", "executor", "aot", "executor-aot-interface-api", "c",
                "executor-aot-unpacked-api", true, "runtime", "crt"));
        assertThat(s.passConfig()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tir.disable_vectorize", true, "tir.usmp.enable", true));
        assertThat(warnings).isEmpty();
    }

    @Test
    void hostDrivenIsAotWithThePackedApiAndASystemLibCrt() throws Exception {
        CompileSettings s = resolve(ProjectKind.HOST_DRIVEN);
        assertThat(s.flags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "target", "c -mcpu=cortex-m4", "executor", "aot", "executor-aot-interface-api", "packed",
                "executor-aot-unpacked-api", false, "runtime", "crt", "runtime-crt-system-lib", true));
        assertThat(s.passConfig()).containsEntry("tir.usmp.enable", true).containsEntry("tir.disable_vectorize", true);
    }

    @Test
    void choosingTheGraphExecutorDropsTheAotDefaults() throws Exception {
        CompileSettings s = resolve(ProjectKind.HOST_DRIVEN, "executor", "graph");
        assertThat(s.flags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "target", "c -mcpu=cortex-m4", "executor", "graph", "executor-graph-link-params", false,
                "runtime", "crt", "runtime-crt-system-lib", true));
        assertThat(s.passConfig()).containsOnlyKeys("tir.disable_vectorize");
        assertThat(warnings).isEmpty();
    }

    @Test
    void userOptionsOverrideTheDefaults() throws Exception {
        CompileSettings s = resolve(ProjectKind.STANDALONE, "target", "c -mcpu=cortex-m33", "opt-level", "2",
                "tir.usmp.algorithm", "hill_climb", "tir.usmp.enable", "false", "executor-aot-link-params", "false");
        assertThat(s.flags()).containsEntry("target", "c -mcpu=cortex-m33").containsEntry("opt-level", 2L)
                .containsEntry("executor-aot-link-params", false).containsEntry("executor-aot-interface-api", "c");
        assertThat(s.passConfig()).containsEntry("tir.usmp.algorithm", "hill_climb").containsEntry("tir.usmp.enable", false);
    }

    @Test
    void anotherRuntimeDropsTheCrtOptions() throws Exception {
        CompileSettings s = resolve(ProjectKind.HOST_DRIVEN, "runtime", "cpp");
        assertThat(s.flags()).containsEntry("runtime", "cpp").doesNotContainKey("runtime-crt-system-lib");
    }

    @Test
    void optionsOfAnotherExecutorOrRuntimeAreRefused() {
        assertThatThrownBy(() -> resolve(ProjectKind.HOST_DRIVEN, "executor", "graph", "executor-aot-interface-api", "c"))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining("'executor-aot-interface-api' is an option of another executor than 'graph'");
        assertThatThrownBy(() -> resolve(ProjectKind.STANDALONE, "runtime-cpp-system-lib", "true"))
                .hasMessageContaining("'runtime-cpp-system-lib' is an option of another runtime than 'crt'");
    }

    @Test
    void standaloneSettingsWithoutTheCInterfaceAreWarnedAbout() throws Exception {
        resolve(ProjectKind.STANDALONE, "executor-aot-interface-api", "packed");
        assertThat(warnings).singleElement().asString().contains("standalone", "interface-api packed");
    }

    @Test
    void describeNamesTargetExecutorRuntimeAndPassConfigs() throws Exception {
        assertThat(resolve(ProjectKind.STANDALONE).describe()).isEqualTo("target 'c -mcpu=cortex-m4', executor aot"
                + " (interface-api c, unpacked-api true), runtime crt, tir.disable_vectorize=true, tir.usmp.enable=true");
    }
}
