package de.tomaudit.parse.logrotate;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses one logrotate configuration file the way logrotate 3.21 reads it: a keyword is a run of
 * letters, its value the rest of the line after blanks and an optional {@code =}; a line starting
 * with {@code /}, {@code "}, {@code '} or {@code ~} starts a log definition whose patterns run
 * (shell-quoted, possibly over several lines) up to {@code {}; {@code }} ends it; {@code #} at the
 * start of a line is a comment; scripts ({@code postrotate} … {@code endscript}) are skipped.
 * Values are not checked here (see {@link LogrotateConfigResolver}).
 */
public final class LogrotateFileParser {
    /** Keywords whose value is the rest of the line and must be there. */
    static final Set<String> VALUE_REQUIRED = Set.of("size", "minsize", "maxsize", "rotate", "start", "maxage",
            "minage", "mail", "olddir", "extension", "addextension", "compresscmd", "uncompresscmd",
            "compressoptions", "compressext", "include", "tabooext", "taboopat", "shredcycles", "dateformat", "su");
    /** Keywords that may take the rest of the line as a value. */
    static final Set<String> VALUE_OPTIONAL = Set.of("create", "weekly", "createolddir", "errors");
    static final Set<String> SCRIPTS = Set.of("prerotate", "postrotate", "firstaction", "lastaction", "preremove");
    static final Set<String> FLAGS = Set.of("compress", "nocompress", "delaycompress", "nodelaycompress", "shred",
            "noshred", "sharedscripts", "nosharedscripts", "copytruncate", "nocopytruncate", "copy", "nocopy",
            "renamecopy", "norenamecopy", "ifempty", "notifempty", "dateext", "nodateext", "dateyesterday",
            "datehourago", "noolddir", "nocreateolddir", "mailfirst", "maillast", "nocreate", "hourly", "daily",
            "monthly", "yearly", "nomail", "missingok", "nomissingok", "ignoreduplicates", "allowhardlink",
            "noallowhardlink");

    private final String file;
    private final String text;
    private final List<LogrotateProblem> problems = new ArrayList<>();
    private final List<LogrotateEntry> entries = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean failed;
    // the open stanza, if any
    private List<String> patterns;
    private List<LogrotateDirective> directives;
    private int stanzaLine;
    private boolean stanzaBroken;

    private LogrotateFileParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    public static LogrotateFile parse(String file, String text) {
        LogrotateFileParser p = new LogrotateFileParser(file, text);
        p.run();
        return new LogrotateFile(file, p.entries, p.problems, p.failed);
    }

    private boolean inStanza() {
        return patterns != null;
    }

    private void run() {
        while (pos < text.length() && !failed) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                line++;
                pos++;
            } else if (c == '#') {
                skipLine();
            } else if (Character.isLetter(c) && c < 128) {
                keyword();
            } else if (c == '/' || c == '"' || c == '\'' || c == '~') {
                stanzaStart();
            } else if (c == '}') {
                stanzaEnd();
            } else {
                problem(AuditTexts.get("parse.logrotate.line-start"));
                skipLine();
            }
        }
        if (inStanza() && !failed) {
            problem(AuditTexts.get("parse.logrotate.missing-brace", String.valueOf(stanzaLine)));
            closeStanza();
        }
    }

    private void keyword() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        String key = text.substring(start, pos);
        int at = line;
        if (SCRIPTS.contains(key)) {
            script(key, at);
            return;
        }
        if (key.equals("endscript")) {
            problem(AuditTexts.get("parse.logrotate.endscript"));
            skipLine();
            return;
        }
        String value = "";
        if (VALUE_REQUIRED.contains(key) || VALUE_OPTIONAL.contains(key)) {
            value = restOfLineValue();
            if (value.isEmpty() && VALUE_REQUIRED.contains(key)) {
                error(at, AuditTexts.get("parse.logrotate.argument", key));
                return;
            }
        } else if (!FLAGS.contains(key)) {
            problem(AuditTexts.get("parse.logrotate.unknown-option", key));
            skipLine();
            return;
        }
        if (key.equals("include") && inStanza()) {
            error(at, AuditTexts.get("parse.logrotate.not-inside", "include"));
            return;
        }
        if ((key.equals("tabooext") || key.equals("taboopat")) && inStanza()) {
            error(at, AuditTexts.get("parse.logrotate.not-inside", key));
            return;
        }
        LogrotateDirective d = new LogrotateDirective(key, value, file, at);
        if (inStanza()) {
            directives.add(d);
        } else {
            entries.add(d);
        }
    }

    /** Blanks, an optional '=', blanks, then the rest of the line without trailing blanks. */
    private String restOfLineValue() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '=') {
            pos++;
            while (pos < text.length() && isBlank(text.charAt(pos))) {
                pos++;
            }
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
        return text.substring(start, pos).strip();
    }

    private void script(String key, int at) {
        skipLine();
        while (pos < text.length()) {
            // at a line start (or end of text)
            pos++;
            line++;
            int start = pos;
            while (pos < text.length() && isBlank(text.charAt(pos))) {
                pos++;
            }
            int wordStart = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            if (text.substring(wordStart, pos).equals("endscript")) {
                return;
            }
            pos = start;
            skipLine();
        }
        problems.add(new LogrotateProblem(file, at, AuditTexts.get("parse.logrotate.no-endscript", key)));
        failed = true;
    }

    private void stanzaStart() {
        int at = line;
        if (inStanza()) {
            problem(AuditTexts.get("parse.logrotate.unexpected-filename"));
            stanzaBroken = true;
            skipLine();
            return;
        }
        int brace = text.indexOf('{', pos);
        if (brace < 0) {
            error(at, AuditTexts.get("parse.logrotate.brace-expected", ""));
            return;
        }
        String header = text.substring(pos, brace);
        line += (int) header.chars().filter(ch -> ch == '\n').count();
        pos = brace + 1;
        List<String> names;
        try {
            names = ShellWords.split(header);
        } catch (IllegalArgumentException e) {
            error(at, AuditTexts.get("parse.logrotate.filename", e.getMessage()));
            return;
        }
        if (names.isEmpty()) {
            error(at, AuditTexts.get("parse.logrotate.brace-expected", ""));
            return;
        }
        patterns = names;
        directives = new ArrayList<>();
        stanzaLine = at;
        stanzaBroken = false;
    }

    private void stanzaEnd() {
        if (!inStanza()) {
            error(line, "unexpected }");
            return;
        }
        pos++;
        closeStanza();
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) != '\n') {
            problem(AuditTexts.get("parse.logrotate.text-after-brace", ""));
            skipLine();
        }
    }

    private void closeStanza() {
        entries.add(new LogrotateStanza(patterns, directives, file, stanzaLine, stanzaBroken));
        patterns = null;
        directives = null;
    }

    /** An error inside a definition skips that definition; outside, the whole file. */
    private void error(int at, String message) {
        problems.add(new LogrotateProblem(file, at, message));
        if (inStanza()) {
            stanzaBroken = true;
            skipLine();
        } else {
            failed = true;
        }
    }

    private void problem(String message) {
        problems.add(new LogrotateProblem(file, line, message));
    }

    private void skipLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
