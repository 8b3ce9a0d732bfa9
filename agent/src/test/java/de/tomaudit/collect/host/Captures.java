package de.tomaudit.collect.host;

import java.nio.file.Files;
import java.nio.file.Path;

/** Real command outputs captured on this machine (see the README beside them in test resources). */
final class Captures {

    private Captures() { }

    static String capture(String name) {
        try {
            return Files.readString(Path.of(Captures.class.getResource("/de/tomaudit/capture/" + name).toURI()));
        } catch (Exception e) {
            throw new IllegalStateException("capture missing: " + name, e);
        }
    }
}
