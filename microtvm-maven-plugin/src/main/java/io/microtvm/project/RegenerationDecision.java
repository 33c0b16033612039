package io.microtvm.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.microtvm.options.TypedValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code create-project} (without {@code force}) does with a dir that already exists: a build
 * follows its inputs, as Maven users expect, but only where that cannot destroy anything that is not
 * the plugin's.
 *
 * <ul>
 *   <li>{@link Action#KEEP}: the plugin made it (it has a {@link ProjectRecord}) from the same model,
 *       template and generate_project options;</li>
 *   <li>{@link Action#REGENERATE}: the plugin made it under the build output ({@code target/}) and an
 *       input changed;</li>
 *   <li>{@link Action#REFUSE}: the plugin did not make it, or it lies outside the build output and an
 *       input changed; only {@code force} replaces it (and never a foreign dir outside the output).</li>
 * </ul>
 *
 * @param action  what to do
 * @param changes what differs from the record, each a clause about the existing dir ("its model ...
 *                changed since it was created"), for the log line or the error; empty for KEEP
 */
public record RegenerationDecision(Action action, List<String> changes) {

    public enum Action { KEEP, REGENERATE, REFUSE }

    public RegenerationDecision {
        changes = List.copyOf(changes);
    }

    /**
     * The inputs of this build that decide whether an existing project is still its project.
     *
     * @param options the typed values of the options that shape what generate_project writes (see
     *                {@link ProjectCreator}: options the build also takes, and that are given, are not among them)
     */
    public record Inputs(Template template, String templateDigest, Path modelLibraryFormat, String modelDigest,
                         Map<String, JsonNode> options) {
    }

    /**
     * @param existing           the existing dir's record; empty when the plugin did not make it
     * @param underOutputRoot    whether the dir lies inside the build output ({@code target/})
     * @param now                this build's inputs
     */
    public static RegenerationDecision decide(Optional<ProjectRecord> existing, boolean underOutputRoot, Inputs now) {
        if (existing.isEmpty()) {
            return new RegenerationDecision(Action.REFUSE, List.of("it was not made by create-project (it has no "
                    + ProjectRecord.FILE_NAME + ")"));
        }
        List<String> changes = changes(existing.get(), now);
        if (changes.isEmpty()) {
            return new RegenerationDecision(Action.KEEP, changes);
        }
        return new RegenerationDecision(underOutputRoot ? Action.REGENERATE : Action.REFUSE, changes);
    }

    /** How the record differs from {@code now}; empty when it does not. */
    static List<String> changes(ProjectRecord r, Inputs now) {
        List<String> changes = new ArrayList<>();
        Template template = now.template();
        boolean samePlatform = template.platform() != null && template.platform().equals(r.platform());
        if (!Objects.equals(r.templateDir(), template.dir().toString()) && !samePlatform) {
            changes.add("it was made from " + r.describeSource() + ", not " + template.describe());
        } else if (!Objects.equals(r.templateDigest(), now.templateDigest())) {
            changes.add("its template's files changed since it was created");
        }
        Path mlf = now.modelLibraryFormat();
        if (!Objects.equals(r.modelLibraryFormat(), mlf.toString())) {
            changes.add("it was made from the model " + r.modelLibraryFormat() + ", not " + mlf);
        } else if (!Objects.equals(r.modelLibraryFormatDigest(), now.modelDigest())) {
            changes.add("its model " + mlf.getFileName() + " changed since it was created");
        }
        // compared as values: 4096 read back from the record is an int node, 4096 from the POM a long one
        Map<String, JsonNode> nowOptions = TypedValues.canonical(now.options());
        List<String> optionChanges = new ArrayList<>();
        for (var option : new TreeMap<>(nowOptions).entrySet()) {
            JsonNode was = TypedValues.canonical(r.resolvedOptions() == null ? null
                    : r.resolvedOptions().get(option.getKey()));
            if (!was.equals(option.getValue())) {
                optionChanges.add(option.getKey() + "=" + was + ", not " + option.getValue());
            }
        }
        if (!optionChanges.isEmpty()) {
            changes.add("it was made with the generate_project option" + (optionChanges.size() > 1 ? "s " : " ")
                    + String.join(", ", optionChanges));
        }
        return changes;
    }
}
