package io.microtvm.projectapi;

import io.microtvm.Fault;

/**
 * The server speaks a Project API protocol version other than 1 (docs/project-api.md,
 * "server_info_query", case B2). An internal fault: the template does not keep the contract the
 * plugin relies on.
 */
public final class UnsupportedProtocolVersionException extends ProjectApiException {
    private static final long serialVersionUID = 1L;

    /** The only protocol version this client (and TVM) speaks. */
    public static final int SUPPORTED_VERSION = 1;

    private final String reportedVersion;

    public UnsupportedProtocolVersionException(String reportedVersion) {
        // same words as TVM's client, so users can search for them
        super(Fault.INTERNAL, "microTVM API Server supports protocol version " + reportedVersion + "; want " + SUPPORTED_VERSION);
        this.reportedVersion = reportedVersion;
    }

    /** The server's {@code protocol_version}, as JSON text. */
    public String reportedVersion() {
        return reportedVersion;
    }
}
