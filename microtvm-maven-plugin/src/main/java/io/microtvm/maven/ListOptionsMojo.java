package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import io.microtvm.options.OptionsHelp;
import io.microtvm.project.ProjectApiSession;
import io.microtvm.project.Template;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ServerInfo;
import java.io.IOException;
import java.nio.file.Path;
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
    protected Step step() {
        return Step.LIST_OPTIONS;
    }

    /**
     * A -D on the command line wins over the POM here (Maven itself gives a POM's
     * {@code <platform>} precedence): list-options is typed to ask about that platform.
     */
    private String listedPlatform(BuildLog log) {
        String typed = commandLine(PLATFORM_PROPERTY);
        if (typed != null && commandLine(TEMPLATE_DIR_PROPERTY) == null && (templateDir != null
                || !typed.equals(platform))) {
            log.info("Listing platform '" + typed + "' as -D" + PLATFORM_PROPERTY + " says; the POM's "
                    + (templateDir != null ? "<templateDir>" + templateDir : "<platform>" + platform)
                    + " applies to the other goals, where a POM value wins over a -D property");
            return typed;
        }
        return platform;
    }

    private Path listedTemplateDir(BuildLog log) {
        String typed = commandLine(TEMPLATE_DIR_PROPERTY);
        if (typed != null) {
            Path dir = Path.of(typed).toAbsolutePath();
            if (templateDir != null && !templateDir.toPath().toAbsolutePath().equals(dir)) {
                log.info("Listing template " + dir + " as -D" + TEMPLATE_DIR_PROPERTY + " says; the POM's <templateDir>"
                        + templateDir + " applies to the other goals");
            }
            return dir;
        }
        // a -D platform replaces the POM's template dir too (which would win over any platform)
        return templateDir == null || commandLine(PLATFORM_PROPERTY) != null ? null : templateDir.toPath();
    }

    /** Listing options needs no tools of the platform. */
    @Override
    protected boolean skippedAsUnavailable(BuildLog log) {
        return false;
    }

    @Override
    protected void run(BuildLog log) throws MicroTvmException, ProjectApiException, IOException, MojoFailureException {
        Template template = templateLocator().locate(listedPlatform(log), listedTemplateDir(log));
        ServerInfo info;
        // any dir a server runs in has options to list: a template's, or a generated project's
        try (ProjectApiSession session = ProjectApiSession.start(template.dir(), serverSettings(log), null,
                template.describe())) {
            info = session.info();
        }
        String subject = template.describe() + " at " + template.dir() + ", server platform_name '"
                + info.platformName() + "'";
        String howToSet = "Set them in the plugin's <options> or with -D" + PropertyNames.property(Setting.OPTIONS)
                + "=NAME=VALUE[,NAME=VALUE...].";
        for (String line : OptionsHelp.render(subject, howToSet, info.projectOptions()).split("\n")) {
            log.info(line);
        }
    }
}
