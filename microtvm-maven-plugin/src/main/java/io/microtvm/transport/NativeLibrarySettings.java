package io.microtvm.transport;

import io.microtvm.AtomicFiles;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Loads jSerialComm's native library the way a build plugin needs it. A JVM loads a native library
 * into one class loader only, and Maven gives each plugin realm its own loader, so each realm's copy
 * needs a name of its own (randomized names). jSerialComm extracts that copy into
 * {@code <tmp>/jSerialComm/<app id>/<version>} and leaves it there; with an app id of our own,
 * that dir is ours alone and is deleted once the library is loaded (a loaded library needs no file
 * on Linux or macOS), so builds leave no copies behind in the temp dir.
 */
final class NativeLibrarySettings {
    static final String RANDOMIZE_NAME = "jSerialComm.library.randomizeNativeName";
    static final String APP_ID = "fazecast.jSerialComm.appid";
    private static final String SERIAL_PORT_CLASS = "com.fazecast.jSerialComm.SerialPort";

    private static boolean loaded; // guarded by the class

    private NativeLibrarySettings() {
    }

    /** Call before the first use of {@code SerialPort}; values the user set win. */
    static synchronized void apply() {
        if (loaded) {
            return;
        }
        if (System.getProperty(RANDOMIZE_NAME) == null) {
            System.setProperty(RANDOMIZE_NAME, "true");
        }
        String userAppId = System.getProperty(APP_ID);
        String appId = "microtvm-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
        if (userAppId == null) {
            System.setProperty(APP_ID, appId);
        }
        try {
            Class.forName(SERIAL_PORT_CLASS, true, NativeLibrarySettings.class.getClassLoader());
            loaded = true;
        } catch (ClassNotFoundException | LinkageError e) {
            // SerialPort's own use reports it, with jSerialComm's words
        } finally {
            if (userAppId == null) {
                System.clearProperty(APP_ID);
                if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                    AtomicFiles.deleteTreeQuietly(Path.of(System.getProperty("java.io.tmpdir"), "jSerialComm", appId));
                }
            }
        }
    }
}
