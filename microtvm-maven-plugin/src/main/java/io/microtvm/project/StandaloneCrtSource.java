package io.microtvm.project;

import io.microtvm.BuildLog;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code standalone_crt_dir} sent to {@code generate_project}. TVM's own templates copy TVM's
 * standalone CRT from it (include/, src/, CMakeLists.txt), and with an empty path they fail deep in
 * Python ({@code FileNotFoundError: './include'}). In order: the user's {@code standaloneCrtDir};
 * the one of the TVM build the template belongs to; the MLF's own {@code runtime/} (AOT exports
 * with runtime crt carry the same tree: docs/mlf.md, "TVM's standalone C runtime in the archive"),
 * extracted under the build's output. The bundled templates find the CRT in the MLF themselves and
 * get nothing unless the user sets one. Otherwise the call is not made: the error names the
 * parameter and every place looked at.
 */
public final class StandaloneCrtSource {

    /**
     * The dir to send ({@code null}: none), and whether it was extracted for this call: then
     * {@link #close()} deletes it, since the generated project holds its own copy.
     */
    public record Chosen(Path dir, boolean extracted) implements AutoCloseable {
        @Override
        public void close() {
            if (extracted) {
                io.microtvm.AtomicFiles.deleteTreeQuietly(dir);
            }
        }
    }

    private StandaloneCrtSource() {
    }

    /**
     * @param given      {@code standaloneCrtDir}, or null
     * @param locator    where TVM's template projects are
     * @param template   the template generate_project will run
     * @param mlf        the model archive
     * @param extractTo  the dir (under {@code target/}) to extract the MLF's runtime/ into
     * @return the dir to send, null for bundled templates, which need none
     */
    public static Chosen choose(Path given, TemplateLocator locator, Template template, Path mlf, Path extractTo,
                              BuildLog log) throws MicroTvmException {
        if (given != null) {
            return new Chosen(given.toAbsolutePath(), false);
        }
        Optional<Path> fromTvm = locator.standaloneCrtFor(template);
        if (fromTvm.isPresent()) {
            return new Chosen(fromTvm.get(), false);
        }
        if (template.source() == TemplateSource.BUNDLED) {
            return new Chosen(null, false);
        }
        Path archive = ProjectCreator.checkModelLibraryFormat(mlf);
        ModelArchive model = ModelArchive.read(archive);
        if (model.hasRuntime()) {
            Path crt = model.extractRuntime(extractTo);
            log.info("TVM's standalone CRT for " + template.describe() + ": the runtime/ of " + archive.getFileName()
                    + ", extracted to " + crt + " (standaloneCrtDir is not set"
                    + (locator.crtCandidate(template).isPresent() ? " and " + locator.crtCandidate(template).get()
                            + " does not exist)" : " and the template is not part of a TVM build)"));
            return new Chosen(crt, true);
        }
        List<String> looked = new ArrayList<>();
        looked.add(log.describe(Setting.STANDALONE_CRT_DIR) + ": not set");
        looked.add(locator.crtCandidate(template).map(p -> p + ": does not exist")
                .orElse("beside a TVM build's " + TemplateLocator.TVM_TEMPLATE_PROJECTS + ": the template "
                        + template.dir() + " is not in one"));
        looked.add(archive + ": has no runtime/ (graph exports and MLFs without runtime crt carry none)");
        throw new MicroTvmException(Fault.CONFIGURATION, template.describe()
                + " copies TVM's standalone CRT from standalone_crt_dir, and"
                + " none was found. Looked at: " + String.join("; ", looked) + ". Set " + log.describe(Setting.STANDALONE_CRT_DIR)
                + " to a TVM build's standalone_crt directory, or to the runtime/"
                + " directory of an AOT MLF exported with runtime crt.");
    }
}
