package de.tomaudit.parse.logrotate;

/** A log definition logrotate will use, with the settings in effect for it. */
public record LogrotateRule(LogrotateStanza stanza, LogrotateSettings settings) {

    /** Whether a log file path is one of this definition's logs. */
    public boolean covers(String path) {
        return stanza.patterns().stream().anyMatch(p -> LogrotatePatterns.matches(p, path));
    }

    public String source() {
        return stanza.source();
    }
}
