package io.microtvm.run;

import io.microtvm.BuildLog;
import io.microtvm.MicroTvmException;
import io.microtvm.RetryPolicy;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectApiSession;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.transport.ProjectApiTransport;
import java.util.Map;

/** The Project API relay to a generated project's device, as the run opens it. */
final class TemplateRelay {
    private TemplateRelay() {
    }

    /**
     * The template's transport: a server of the project and its open_transport. An open that may
     * pass (it ran out of time, ours or the template's waiting for its device: transient) is tried
     * again with a fresh server, as {@code retry} allows (an emulator that boots slowly, a board
     * re-enumerating after its flash); a template's refusal is final.
     */
    static ProjectApiTransport open(GeneratedProject project, Map<String, String> overrides,
                                    ServerSettings settings, RetryPolicy retry, BuildLog log) throws MicroTvmException {
        return retry.run("opening the transport of " + project.dir(),
                () -> openOnce(project, overrides, settings, log), log);
    }

    private static ProjectApiTransport openOnce(GeneratedProject project, Map<String, String> overrides,
                                                ServerSettings settings, BuildLog log) throws MicroTvmException {
        ProjectApiSession session = project.openSession(project.effectiveOptions(overrides, log), settings);
        try {
            var options = session.resolve(ProjectMethod.OPEN_TRANSPORT);
            // open_transport may boot an emulator or wait for a board: a long call, not a query; from
            // here the transport owns the server, and stops it when it fails to open
            return ProjectApiTransport.open(session.handOver(), options.options(), settings.callTimeout(),
                    settings.queryTimeout());
        } finally {
            session.close();
        }
    }
}
