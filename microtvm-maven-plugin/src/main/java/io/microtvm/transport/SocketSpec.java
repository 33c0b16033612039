package io.microtvm.transport;

import io.microtvm.Fault;
import io.microtvm.Setting;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A {@code socket://host:port} address: a UART exposed on TCP (ser2net, QEMU's {@code -serial tcp:}).
 * Only the one host and port the user wrote are ever connected to.
 */
record SocketSpec(String host, int port) {
    static final String SCHEME = "socket://";

    static boolean isSocket(String spec) {
        return spec != null && spec.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Parses {@code socket://host:port}; IPv6 hosts go in brackets: {@code socket://[::1]:4000}. */
    static SocketSpec parse(String spec) throws DeviceException {
        String usage = "expected socket://host:port, e.g. socket://localhost:4000";
        URI uri;
        try {
            uri = new URI(spec.trim());
        } catch (URISyntaxException e) {
            throw malformed(spec, usage, e);
        }
        // an empty path is all URI allows after the port; anything more is a typo we should not guess at
        boolean onlyHostAndPort = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535 || !onlyHostAndPort) {
            throw malformed(spec, usage, null);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new SocketSpec(host, uri.getPort());
    }

    /** The user's address is wrong: no retry can fix that. */
    private static DeviceException malformed(String spec, String usage, Throwable cause) {
        return new DeviceException(Fault.CONFIGURATION, "Malformed socket address '" + spec + "': " + usage, cause,
                false, Setting.SERIAL_PORT);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
