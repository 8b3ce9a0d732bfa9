package de.tomaudit.parse.nginx;

/**
 * Something wrong with the configuration as a whole: a syntax error, an unreadable or missing
 * file, an include loop or too deep include nesting. {@link #fatal()} problems mean the parsed
 * tree may be incomplete (nginx itself would refuse it); a missing non-glob include is reported
 * but not fatal, so a partial copy of /etc still yields what it holds.
 */
public record NginxProblem(Kind kind, String file, int line, String message) {

    public enum Kind { SYNTAX, UNREADABLE, MISSING_INCLUDE, INCLUDE_LOOP, INCLUDE_DEPTH }

    public boolean fatal() {
        return kind != Kind.MISSING_INCLUDE;
    }

    /** {@code file:line} (or the file alone when no line applies). */
    public String source() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return source() + ": " + message;
    }
}
