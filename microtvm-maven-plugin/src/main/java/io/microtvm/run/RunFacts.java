package io.microtvm.run;

import java.time.Instant;

/**
 * What a report says about a run besides its results: when and where it ran, on what, with which
 * model and inputs. Facts not known (yet) are null: a run that fails before its project is opened
 * knows no platform; the reports then say null rather than guess.
 *
 * @param timestamp  when the run started
 * @param project    the project dir's name
 * @param hostname   the machine Maven runs on
 * @param platform   the platform name, or the template dir for a templateDir project
 * @param board      the template's {@code board} option, or null when it has none
 * @param modelFile  the MLF archive the project was created from (absolute path)
 * @param modelSha256 its SHA-256
 * @param protocol   {@code standalone} or {@code host-driven} once resolved
 * @param fillMode   how inputs not given were filled ({@code zeros}, {@code ones}, {@code random})
 * @param seed       the random fill's seed
 */
public record RunFacts(Instant timestamp, String project, String hostname, String platform, String board,
                       String modelFile, String modelSha256, String protocol, String fillMode, Long seed) {

    /** The facts known before the project is opened. */
    public static RunFacts startingNow(String hostname, String fillMode, Long seed) {
        return new RunFacts(Instant.now(), null, hostname, null, null, null, null, null, fillMode, seed);
    }

    /** These facts with those of the project filled in. */
    public RunFacts withProject(String project, String platform, String board, String modelFile, String modelSha256,
                                String protocol) {
        return new RunFacts(timestamp, project, hostname, platform, board, modelFile, modelSha256, protocol, fillMode,
                seed);
    }

    /** The model's name for a person: the MLF's file name without {@code .tar}; {@code model} when unknown. */
    public String modelName() {
        if (modelFile == null) {
            return "model";
        }
        String name = java.nio.file.Path.of(modelFile).getFileName().toString();
        return name.endsWith(".tar") ? name.substring(0, name.length() - 4) : name;
    }

    /** Where it ran for a person: the board, else the platform, else {@code device}. */
    public String target() {
        if (board != null) {
            return board;
        }
        return platform != null ? platform : "device";
    }
}
