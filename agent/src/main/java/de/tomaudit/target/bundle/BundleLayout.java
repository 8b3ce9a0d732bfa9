package de.tomaudit.target.bundle;

/**
 * The names inside a bundle made by {@code scripts/collect.sh} (see docs/bundles.md): a
 * {@code manifest} (host, time, tool, sha256 of every other entry), an {@code index} (what was
 * found for every planned path and command), file contents under {@code files/<absolute path>}
 * and command output under {@code commands/<id>.out|.err}. Fields are separated by tabs.
 */
public final class BundleLayout {
    /** First line of the manifest; the number changes when the layout does. */
    public static final String FORMAT = "tomaudit-bundle 1";
    public static final String MANIFEST = "manifest";
    public static final String INDEX = "index";
    public static final String FILES = "files";
    public static final String COMMANDS = "commands";

    private BundleLayout() { }

    /** The entry holding the content of a target path. */
    public static String fileEntry(String path) {
        return FILES + path;
    }

    public static String stdoutEntry(String commandId) {
        return COMMANDS + "/" + commandId + ".out";
    }

    public static String stderrEntry(String commandId) {
        return COMMANDS + "/" + commandId + ".err";
    }
}
