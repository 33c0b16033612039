package io.microtvm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.architecture.CompiledClasses.CompiledClass;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages depend on each other one way, top to bottom, as the README's layout describes:
 * maven → run → rpc, compile → project, transport → options, npz, report → projectapi → the root
 * package ({@code io.microtvm}: the log, the failure model, files and locks). A package may use the
 * layers below its own and never one above or beside it, so there is no cycle between them. A
 * package's sub-packages belong to its layer ({@code run.standalone} is {@code run}).
 */
class PackageLayersTest {
    static final String ROOT = "io.microtvm";

    /** Each top-level package of the plugin and its layer, 0 the top. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("maven", 0),
            Map.entry("run", 1),
            Map.entry("rpc", 2),
            Map.entry("compile", 2),
            Map.entry("project", 3),
            Map.entry("transport", 3),
            Map.entry("options", 4),
            Map.entry("npz", 4),
            Map.entry("report", 4),
            Map.entry("projectapi", 5),
            Map.entry("", 6)); // the root package itself

    @Test
    void everyPackageDependsOnlyOnTheLayersBelowItsOwn() throws Exception {
        List<String> violations = CompiledClasses.main().stream()
                .flatMap(c -> c.references().stream()
                        .filter(r -> r.startsWith(ROOT + ".") && !packageOf(r).equals(c.packageName()))
                        .filter(r -> layer(unitOf(packageOf(r))) <= layer(unitOf(c.packageName()))
                                && !unitOf(packageOf(r)).equals(unitOf(c.packageName())))
                        .map(r -> c.name() + " (layer " + layer(unitOf(c.packageName())) + ") uses " + r + " (layer "
                                + layer(unitOf(packageOf(r))) + ")"))
                .toList();

        assertThat(violations).as("dependencies upwards or sideways between the layers " + new TreeMap<>(LAYERS))
                .isEmpty();
    }

    /** A new top-level package gets its place in the layers before anything else. */
    @Test
    void everyPackageHasALayer() throws Exception {
        Set<String> units = new TreeSet<>();
        CompiledClasses.main().forEach(c -> units.add(unitOf(c.packageName())));

        assertThat(LAYERS.keySet()).containsAll(units);
        // and the test reads the classes it is meant to: every layer has some
        assertThat(units).containsAll(LAYERS.keySet());
    }

    private static int layer(String unit) {
        Integer layer = LAYERS.get(unit);
        if (layer == null) {
            throw new AssertionError("package " + ROOT + "." + unit + " has no layer in " + PackageLayersTest.class
                    .getSimpleName() + ".LAYERS");
        }
        return layer;
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The top-level package below {@code io.microtvm} ({@code run} for {@code run.standalone}); "" for the root. */
    private static String unitOf(String packageName) {
        if (packageName.equals(ROOT)) {
            return "";
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
