package de.tomaudit.parse.logrotate;

/** One top-level item of a logrotate file, in order: a global directive or a log stanza. */
public sealed interface LogrotateEntry permits LogrotateDirective, LogrotateStanza {

    String file();

    int line();

    /** {@code file:line}. */
    default String source() {
        return file() + ":" + line();
    }
}
