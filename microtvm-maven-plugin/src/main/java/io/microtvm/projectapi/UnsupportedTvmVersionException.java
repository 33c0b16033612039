package io.microtvm.projectapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server raised {@code UnsupportedTVMVersionError}: it refuses the {@code tvm_version}
 * sent with {@code server_info_query}. A configuration fault, as any error the server raises
 * while doing what it was asked.
 */
public final class UnsupportedTvmVersionException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    /** The error message the server sends for this error: the Python class name. */
    public static final String NAME = "UnsupportedTVMVersionError";

    public UnsupportedTvmVersionException(String method, JsonNode data) {
        super(method, NAME, data);
    }
}
