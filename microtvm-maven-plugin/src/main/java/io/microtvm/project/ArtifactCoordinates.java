package io.microtvm.project;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import java.util.regex.Pattern;

/**
 * A Maven artifact named as {@code groupId:artifactId:version[:classifier]} (the form of {@code
 * modelArtifact}, {@code firmwareArtifact}, ...), with the extension the parameter implies
 * ({@code tar} for a model, {@code npz} for tensors, {@code elf} for firmware).
 *
 * @param classifier empty when none was given
 */
public record ArtifactCoordinates(String groupId, String artifactId, String version, String classifier,
                                  String extension) {

    // what Maven accepts in ids and versions, less the separator
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-+$\\[\\](),]+");

    /**
     * @param text      what the user wrote
     * @param extension the artifact's extension (the parameter says which)
     * @param parameter the parameter and its property, for the error: {@code modelArtifact (property microtvm.modelArtifact)}
     */
    public static ArtifactCoordinates parse(String text, String extension, String parameter) throws MicroTvmException {
        String t = text == null ? "" : text.strip();
        String[] parts = t.split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new MicroTvmException(Fault.CONFIGURATION, parameter
                    + " must be groupId:artifactId:version[:classifier], e.g."
                    + " com.example:model:1.0 or com.example:model:1.0:int8; got '" + t + "' (" + parts.length
                    + " part" + (parts.length == 1 ? "" : "s") + "). The extension is " + extension + ".");
        }
        String[] names = {"groupId", "artifactId", "version", "classifier"};
        for (int i = 0; i < parts.length; i++) {
            boolean optional = i == 3;
            if ((!optional || !parts[i].isEmpty()) && !PART.matcher(parts[i]).matches()) {
                throw new MicroTvmException(Fault.CONFIGURATION, parameter + ": the " + names[i] + " of '" + t + "' is "
                        + (parts[i].isEmpty() ? "empty" : "'" + parts[i] + "', which is not a valid Maven " + names[i])
                        + "; expected groupId:artifactId:version[:classifier].");
            }
        }
        return new ArtifactCoordinates(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : "", extension);
    }

    /** {@code g:a:v[:classifier]} as the user writes it, with the extension: {@code g:a:v:int8 (tar)}. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier)
                + " (" + extension + ")";
    }

    /** {@code g:a:v[:classifier]}, without the extension: what the record names. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier);
    }
}
