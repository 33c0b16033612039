package io.microtvm.projectapi;

import java.util.Optional;

/**
 * The Project API methods that take an {@code options} object, and so the methods a
 * {@link ProjectOption} can be required or optional for.
 */
public enum ProjectMethod {
    GENERATE_PROJECT("generate_project"),
    BUILD("build"),
    FLASH("flash"),
    OPEN_TRANSPORT("open_transport");

    private final String wireName;

    ProjectMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The method name as it travels in JSON-RPC requests and in option metadata. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ProjectMethod> fromWireName(String name) {
        for (ProjectMethod m : values()) {
            if (m.wireName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
