package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.microtvm.project.RegenerationDecision.Action;
import io.microtvm.project.RegenerationDecision.Inputs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each input of a project changed or not, for a dir the plugin made or not, inside the build output or not. */
class RegenerationDecisionTest {
    static final Path TEMPLATE_DIR = Path.of("/t/.templates/host-abc");
    static final Path MODEL = Path.of("/m/sine.tar");
    static final Template HOST = new Template("host", TEMPLATE_DIR, TemplateSource.BUNDLED);

    /** The record create-project wrote: int read back as an int node. */
    private static ProjectRecord record() {
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        resolved.set("workspace_size_bytes", IntNode.valueOf(4096));
        resolved.put("verbose", true).put("project_type", "standalone");
        return new ProjectRecord(1, "v", "host", TEMPLATE_DIR.toString(), "tdigest", MODEL.toString(), "mdigest",
                Map.of("workspace_size_bytes", "4096", "verbose", "true"), resolved, "t");
    }

    /** The same inputs as the record: the int converted from the POM as a long node. */
    private static Map<String, JsonNode> options() {
        Map<String, JsonNode> o = new TreeMap<>();
        o.put("workspace_size_bytes", LongNode.valueOf(4096));
        o.put("verbose", BooleanNode.TRUE);
        o.put("project_type", TextNode.valueOf("standalone"));
        return o;
    }

    private static Inputs same() {
        return new Inputs(HOST, "tdigest", MODEL, "mdigest", options());
    }

    private static RegenerationDecision ours(Inputs now) {
        return RegenerationDecision.decide(Optional.of(record()), true, now);
    }

    @Test
    void unchangedInputsKeepTheProject() {
        assertThat(ours(same())).isEqualTo(new RegenerationDecision(Action.KEEP, java.util.List.of()));
    }

    @Test
    void aChangedModelDigestRegeneratesSayingSo() {
        RegenerationDecision d = ours(new Inputs(HOST, "tdigest", MODEL, "other", options()));
        assertThat(d.action()).isEqualTo(Action.REGENERATE);
        assertThat(d.changes()).containsExactly("its model sine.tar changed since it was created");
    }

    @Test
    void anotherModelFileRegenerates() {
        RegenerationDecision d = ours(new Inputs(HOST, "tdigest", Path.of("/m/other.tar"), "mdigest", options()));
        assertThat(d.action()).isEqualTo(Action.REGENERATE);
        assertThat(d.changes()).containsExactly("it was made from the model /m/sine.tar, not /m/other.tar");
    }

    @Test
    void aChangedTemplateDigestRegenerates() {
        RegenerationDecision d = ours(new Inputs(HOST, "changed", MODEL, "mdigest", options()));
        assertThat(d.action()).isEqualTo(Action.REGENERATE);
        assertThat(d.changes()).containsExactly("its template's files changed since it was created");
    }

    @Test
    void aBundledTemplateExtractedElsewhereButUnchangedKeeps() {
        Template moved = new Template("host", Path.of("/elsewhere/host-abc"), TemplateSource.BUNDLED);
        assertThat(ours(new Inputs(moved, "tdigest", MODEL, "mdigest", options())).action()).isEqualTo(Action.KEEP);
    }

    @Test
    void anotherPlatformRegenerates() {
        Template qemu = new Template("qemu-arm", Path.of("/t/.templates/qemu-arm-x"), TemplateSource.BUNDLED);
        RegenerationDecision d = ours(new Inputs(qemu, "qdigest", MODEL, "mdigest", options()));
        assertThat(d.action()).isEqualTo(Action.REGENERATE);
        assertThat(d.changes()).singleElement().asString().startsWith("it was made from platform 'host', not");
    }

    @Test
    void aChangedGenerateProjectOptionRegeneratesNamingOldAndNewValue() {
        Map<String, JsonNode> changed = options();
        changed.put("workspace_size_bytes", LongNode.valueOf(8192));
        RegenerationDecision d = ours(new Inputs(HOST, "tdigest", MODEL, "mdigest", changed));
        assertThat(d.action()).isEqualTo(Action.REGENERATE);
        assertThat(d.changes()).containsExactly("it was made with the generate_project option workspace_size_bytes=4096,"
                + " not 8192");
    }

    @Test
    void anOptionNotRecordedAtAllCountsAsChanged() {
        Map<String, JsonNode> more = options();
        more.put("cc", TextNode.valueOf("clang"));
        assertThat(ours(new Inputs(HOST, "tdigest", MODEL, "mdigest", more)).changes())
                .containsExactly("it was made with the generate_project option cc=null, not \"clang\"");
    }

    @Test
    void everyChangeIsListed() {
        Map<String, JsonNode> changed = options();
        changed.put("verbose", BooleanNode.FALSE);
        RegenerationDecision d = ours(new Inputs(HOST, "t2", MODEL, "m2", changed));
        assertThat(d.changes()).hasSize(3);
    }

    @Test
    void aDirThePluginDidNotMakeIsRefusedChangedOrNot() {
        RegenerationDecision inTarget = RegenerationDecision.decide(Optional.empty(), true, same());
        RegenerationDecision outside = RegenerationDecision.decide(Optional.empty(), false, same());
        assertThat(inTarget.action()).isEqualTo(Action.REFUSE);
        assertThat(outside.action()).isEqualTo(Action.REFUSE);
        assertThat(inTarget.changes()).singleElement().asString().contains("was not made by create-project");
    }

    @Test
    void aProjectOutsideTheBuildOutputIsKeptWhenUnchangedAndRefusedWhenChanged() {
        assertThat(RegenerationDecision.decide(Optional.of(record()), false, same()).action()).isEqualTo(Action.KEEP);
        RegenerationDecision changed = RegenerationDecision.decide(Optional.of(record()), false,
                new Inputs(HOST, "tdigest", MODEL, "other", options()));
        assertThat(changed.action()).isEqualTo(Action.REFUSE);
        assertThat(changed.changes()).containsExactly("its model sine.tar changed since it was created");
    }
}
