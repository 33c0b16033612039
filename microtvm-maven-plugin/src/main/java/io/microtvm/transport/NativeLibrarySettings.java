package io.microtvm.transport;

/**
 * System properties jSerialComm reads when its native library first loads. A JVM loads a native
 * library into one class loader only; Maven gives each plugin realm its own loader, so the copy
 * each realm extracts needs a name of its own.
 */
final class NativeLibrarySettings {
    static final String RANDOMIZE_NAME = "jSerialComm.library.randomizeNativeName";

    private NativeLibrarySettings() {
    }

    /** Call before the first use of {@code SerialPort}; a value the user set wins. */
    static void apply() {
        if (System.getProperty(RANDOMIZE_NAME) == null) {
            System.setProperty(RANDOMIZE_NAME, "true");
        }
    }
}
