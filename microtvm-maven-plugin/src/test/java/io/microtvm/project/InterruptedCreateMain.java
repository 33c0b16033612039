package io.microtvm.project;

import io.microtvm.BuildLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link InterruptedWorkTest}, as Maven would run create-project: re-creates
 * (force) the project in {@code args[2]} from the MLF {@code args[1]} with the template {@code args[0]},
 * printing the servers' stderr on stdout, until the test kills it.
 */
public final class InterruptedCreateMain {

    private InterruptedCreateMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerSettings settings = new ServerSettings("python3", Duration.ofSeconds(30), Duration.ofSeconds(600),
                line -> {
                    System.out.println(line);
                    System.out.flush();
                });
        Template template = new Template(null, Path.of(args[0]), TemplateSource.USER);
        new ProjectCreator(settings, BuildLog.NONE).create(new ProjectCreator.Request(Path.of(args[1]), template,
                Path.of(args[2]), Map.of(), true, "test-version"));
    }
}
