package io.microtvm.run.standalone;

import io.microtvm.transport.DeviceException;
import java.util.Optional;

/** The device answered a request with an ERROR frame. */
public final class DeviceErrorException extends DeviceException {
    private static final long serialVersionUID = 1L;

    private final RequestType request;
    private final int code;
    private final int detail;
    private final String deviceMessage;

    public DeviceErrorException(RequestType request, int code, int detail, String deviceMessage, String source) {
        super("The device (" + source + ") refused " + request + ": " + codeName(code) + ", detail " + detail + ": "
                + deviceMessage);
        this.request = request;
        this.code = code;
        this.detail = detail;
        this.deviceMessage = deviceMessage;
    }

    private static String codeName(int code) {
        return DeviceErrorCode.of(code).map(c -> c.name() + " (" + code + ")").orElse("error code " + code);
    }

    /** The request that was refused. */
    public RequestType request() {
        return request;
    }

    /** The code as sent, also when this host does not know it. */
    public int code() {
        return code;
    }

    /** The code, if this host knows it. */
    public Optional<DeviceErrorCode> knownCode() {
        return DeviceErrorCode.of(code);
    }

    /** The number whose meaning depends on the code (see {@link DeviceErrorCode}). */
    public int detail() {
        return detail;
    }

    /** The device's own short text. */
    public String deviceMessage() {
        return deviceMessage;
    }
}
