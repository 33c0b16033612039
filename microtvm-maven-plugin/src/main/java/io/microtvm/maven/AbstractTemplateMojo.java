package io.microtvm.maven;

import io.microtvm.project.BundledTemplates;
import io.microtvm.project.ProjectException;
import io.microtvm.project.Template;
import io.microtvm.project.TemplateLocator;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** Goals that start from a template: {@code create-project} and {@code list-options}. */
abstract class AbstractTemplateMojo extends AbstractMicroTvmMojo {

    /**
     * Platform whose template to use: one bundled with the plugin ({@code host}) or one of an
     * installed TVM's templates ({@code zephyr}, {@code arduino}, {@code crt}).
     */
    @Parameter(property = "microtvm.platform", defaultValue = "host")
    protected String platform;

    /** A template directory holding a Project API server; wins over {@code platform}. */
    @Parameter(property = "microtvm.templateDir")
    protected File templateDir;

    /**
     * An installed TVM's {@code microtvm_template_projects} directory, for its platforms. Default:
     * found next to a library on {@code TVM_LIBRARY_PATH}, or under {@code $TVM_HOME/build}.
     */
    @Parameter(property = "microtvm.tvmTemplateProjects")
    protected File tvmTemplateProjects;

    protected TemplateLocator templateLocator() throws IOException {
        Optional<java.nio.file.Path> tvm = tvmTemplateProjects != null
                ? Optional.of(tvmTemplateProjects.toPath().toAbsolutePath())
                : TemplateLocator.findInstalledTvm(System.getenv());
        return new TemplateLocator(BundledTemplates.fromPluginClasspath(), templateCacheDir(), tvm);
    }

    protected Template locateTemplate(TemplateLocator locator) throws ProjectException, IOException {
        return locator.locate(platform, templateDir == null ? null : templateDir.toPath());
    }
}
