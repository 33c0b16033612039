package io.microtvm.run;

import io.microtvm.BuildLog;
import io.microtvm.RetryPolicy;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.project.GeneratedProject;
import io.microtvm.project.ProjectApiSession;
import io.microtvm.project.ProjectException;
import io.microtvm.project.ServerSettings;
import io.microtvm.projectapi.CallTimeoutException;
import io.microtvm.projectapi.IoTimeoutException;
import io.microtvm.projectapi.ProjectApiException;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.transport.ProjectApiTransport;
import io.microtvm.transport.TransportException;
import java.util.Map;

/** The Project API relay to a generated project's device, as the run opens it. */
final class TemplateRelay {
    private TemplateRelay() {
    }

    /**
     * The template's transport: a server of the project and its open_transport. A timed-out or
     * open is tried again with a fresh server, as {@code retry} allows (an emulator that
     * boots slowly, a board re-enumerating after its flash); a template's refusal is final.
     */
    static ProjectApiTransport open(GeneratedProject project, Map<String, String> overrides,
                                    ServerSettings settings, RetryPolicy retry, BuildLog log)
            throws ProjectException, ProjectApiException, InvalidOptionsException, TransportException {
        try {
            return retry.run("opening the transport of " + project.dir(),
                    () -> openOnce(project, overrides, settings, log), TemplateRelay::openTimedOut, log);
        } catch (ProjectException | ProjectApiException | InvalidOptionsException | TransportException
                 | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure opening the transport: " + e, e);
        }
    }

    /** open_transport ran out of time, ours or the template's waiting for its device: worth another try. */
    private static boolean openTimedOut(Exception e) {
        Throwable cause = e instanceof TransportException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof CallTimeoutException || cause instanceof IoTimeoutException;
    }

    private static ProjectApiTransport openOnce(GeneratedProject project, Map<String, String> overrides,
                                                ServerSettings settings, BuildLog log)
            throws ProjectException, ProjectApiException, InvalidOptionsException, TransportException {
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
