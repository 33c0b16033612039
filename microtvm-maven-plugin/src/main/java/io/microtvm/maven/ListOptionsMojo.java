package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.options.OptionsHelp;
import io.microtvm.project.ProjectException;
import io.microtvm.project.ProjectServers;
import io.microtvm.project.ServerSettings;
import io.microtvm.project.Template;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectApiServer;
import io.microtvm.projectapi.ServerInfo;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints the options a template accepts, per Project API method: type, allowed values, default,
 * whether required, and the template's help. Works outside a Maven project too:
 * {@code mvn io.microtvm:microtvm-maven-plugin:<version>:list-options -Dmicrotvm.platform=host}.
 */
@Mojo(name = "list-options", requiresProject = false, threadSafe = true)
public class ListOptionsMojo extends AbstractTemplateMojo {
    static final String GOAL = "list-options";

    @Override
    protected String goal() {
        return GOAL;
    }

    @Override
    protected void run(BuildLog log) throws ProjectException, ProjectApiException, IOException, MojoFailureException {
        Template template = locateTemplate(templateLocator());
        ServerSettings settings = serverSettings(log, false);
        ServerInfo info;
        try (ProjectApiServer server = ProjectServers.start(template.dir(), settings)) {
            info = ProjectServers.query(server, settings);
        }
        String subject = template.describe() + " at " + template.dir() + ", server platform_name '"
                + info.platformName() + "'";
        for (String line : OptionsHelp.render(subject, info.projectOptions()).split("\n")) {
            log.info(line);
        }
    }
}
