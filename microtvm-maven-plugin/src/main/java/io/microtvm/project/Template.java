package io.microtvm.project;

import java.nio.file.Path;

/**
 * A template directory holding a Project API server.
 *
 * @param platform the platform name it answers to, or null for a user {@code templateDir}
 * @param dir      absolute directory
 * @param source   where it was found
 */
public record Template(String platform, Path dir, TemplateSource source) {

    /** A short name for log lines and messages: the platform, or the dir of a user template. */
    public String describe() {
        return platform == null ? "template " + dir : "platform '" + platform + "' (" + source.label() + ")";
    }
}
