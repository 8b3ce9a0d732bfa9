package de.tomaudit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log verbosity from -v flags: warnings by default, -v info, -vv debug; always on stderr. */
final class Logging {

    private Logging() { }

    static void verbosity(int level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("de.tomaudit");
        root.setLevel(Level.WARN);
        ours.setLevel(level <= 0 ? Level.WARN : level == 1 ? Level.INFO : Level.DEBUG);
    }
}
