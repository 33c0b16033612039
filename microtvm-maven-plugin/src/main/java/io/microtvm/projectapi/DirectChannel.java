package io.microtvm.projectapi;

import java.nio.file.Path;

/**
 * A way to the device that a bundled template offers besides the Project API relay: the extra
 * {@code direct_channel} key of its {@code open_transport} result. Bytes written there reach the
 * device program with no server in between. TVM's client ignores the key and relays as always.
 *
 * @param kind what {@code path} is; {@value #UNIX_SOCKET} is the only kind so far
 * @param path the absolute path to connect to
 */
public record DirectChannel(String kind, Path path) {

    /** A Unix domain stream socket; the device program's stdin and stdout once connected. */
    public static final String UNIX_SOCKET = "unix_socket";

    /** How the bundled templates' socket dirs begin (they make them with {@code tempfile.mkdtemp}). */
    public static final String BUNDLED_DIR_PREFIX = "microtvm-direct-";

    /** Whether this client knows how to connect to the channel. */
    public boolean supported() {
        return UNIX_SOCKET.equals(kind) && path.isAbsolute();
    }
}
