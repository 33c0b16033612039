package io.microtvm.maven;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.project.BundledTemplates;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateLocator;
import io.microtvm.project.ToolAvailability;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** Goals that start from a template: {@code create-project} and {@code list-options}. */
abstract class AbstractTemplateMojo extends AbstractMicroTvmMojo {

    /**
     * Platform whose template to use: one bundled with the plugin ({@code host}) or one of an
     * installed TVM's templates ({@code zephyr}, {@code arduino}, {@code crt}).
     */
    @Parameter(property = PLATFORM_PROPERTY, defaultValue = "host")
    protected String platform;

    static final String PLATFORM_PROPERTY = "microtvm.platform";
    static final String TEMPLATE_DIR_PROPERTY = "microtvm.templateDir";

    /** A template directory holding a Project API server; wins over {@code platform}. */
    @Parameter(property = TEMPLATE_DIR_PROPERTY)
    protected File templateDir;

    /**
     * An installed TVM's {@code microtvm_template_projects} directory, for its platforms. Default:
     * found next to a library on {@code TVM_LIBRARY_PATH}, or under {@code $TVM_HOME/build}.
     */
    @Parameter(property = "microtvm.tvmTemplateProjects")
    protected File tvmTemplateProjects;

    /**
     * Where bundled templates are extracted: under target/, or, for a goal run outside any Maven
     * project (list-options), in the temp dir rather than a target/ in whatever dir the user is in.
     */
    protected Path templateCacheDir() {
        if (project == null || project.getFile() == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), "microtvm-templates-" + System.getProperty("user.name"));
        }
        return buildDirectory.toPath().resolve("microtvm").resolve(".templates");
    }

    /** A user property given with -D on the command line, or null. */
    protected String commandLine(String property) {
        String value = session == null ? null : session.getUserProperties().getProperty(property);
        return value == null || value.isBlank() ? null : value.strip();
    }

    protected TemplateLocator templateLocator() throws IOException {
        Optional<Path> tvm = tvmTemplateProjects != null
                ? Optional.of(tvmTemplateProjects.toPath().toAbsolutePath())
                : TemplateLocator.findInstalledTvm(System.getenv());
        return new TemplateLocator(BundledTemplates.fromPluginClasspath(), templateCacheDir(), tvm);
    }

    /**
     * Says when the POM's {@code <platform>} hides a -D platform: Maven gives a POM value precedence
     * over a property, which a user typing -Dmicrotvm.platform does not expect.
     */
    protected void warnIfPomOverridesPlatform(BuildLog log) {
        String typed = commandLine(PLATFORM_PROPERTY);
        if (typed != null && templateDir == null && !typed.equals(platform)) {
            log.warn("-D" + PLATFORM_PROPERTY + "=" + typed + " is overridden by the POM's <platform>" + platform
                    + "</platform> (in Maven a POM value wins over a -D property); using " + platform + ". To choose"
                    + " on the command line, write <platform>${" + PLATFORM_PROPERTY + "}</platform> in the POM"
                    + " with a default in <properties>.");
        }
    }

    /** The dir of the project this execution creates. */
    protected Path newProjectDir() {
        return projectDir != null ? projectDir.toPath() : projectLocations().forNewProject(executionId());
    }

    /**
     * skipIfUnavailable before there is a project: asks the template what it needs, and marks this
     * execution's project dir, so that its later goals skip too.
     */
    protected boolean skippedForTemplateTools(BuildLog log) throws Exception {
        Template template = locateTemplate(templateLocator());
        var missing = ToolAvailability.check(template.dir(), givenOptions(), serverSettings(log),
                template.describe());
        return UnavailableTools.of(project, goal()).skipFor(newProjectDir(), missing.orElse(null), log);
    }

    protected Template locateTemplate(TemplateLocator locator) throws MicroTvmException, IOException {
        return locator.locate(platform, templateDir == null ? null : templateDir.toPath());
    }
}
