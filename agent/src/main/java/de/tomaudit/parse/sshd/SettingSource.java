package de.tomaudit.parse.sshd;

/**
 * Where an effective value came from: a config line, a line of {@code sshd -T} output, or the
 * compiled-in default.
 *
 * @param origin a file path, {@link #DEFAULT_ORIGIN}, or the command line that printed it
 * @param line   1-based line in that file or output; 0 for a default
 * @param text   the line as written (for a default: keyword and default value)
 */
public record SettingSource(Kind kind, String origin, int line, String text) {

    public static final String DEFAULT_ORIGIN = "default";

    public enum Kind { CONFIG, COMMAND, DEFAULT }

    public static SettingSource config(Directive d) {
        return new SettingSource(Kind.CONFIG, d.file(), d.line(), d.written() + " " + d.value());
    }

    public static SettingSource byDefault(String keyword, String value) {
        return new SettingSource(Kind.DEFAULT, DEFAULT_ORIGIN, 0, keyword + " " + value);
    }

    public static SettingSource command(String commandLine, int line, String text) {
        return new SettingSource(Kind.COMMAND, commandLine, line, text);
    }

    /** {@code file:line}, {@code default}, or {@code sshd -T:12}. */
    public String location() {
        return kind == Kind.DEFAULT ? DEFAULT_ORIGIN : origin + ":" + line;
    }
}
