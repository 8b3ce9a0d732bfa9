package de.tomaudit.collect.prosody;

/** Paths in Prosody's configuration: relative ones are relative to the main configuration file's directory. */
final class ProsodyPaths {

    private ProsodyPaths() { }

    static String resolve(String mainFile, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        int slash = mainFile.lastIndexOf('/');
        String dir = slash <= 0 ? "" : mainFile.substring(0, slash);
        String p = path.startsWith("./") ? path.substring(2) : path;
        return dir + "/" + p;
    }
}
