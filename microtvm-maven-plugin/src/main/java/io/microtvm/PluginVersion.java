package io.microtvm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This plugin's version, from a resource filtered at build time (recorded in project records). */
public final class PluginVersion {
    private static final String VERSION = load();

    private PluginVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("plugin.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
