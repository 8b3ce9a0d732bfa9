package de.tomaudit.parse.journald;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a systemd configuration file (systemd.syntax(7)): {@code [Section]} headers,
 * {@code Key=Value} lines with blanks around {@code =} dropped, {@code #} and {@code ;} comment
 * lines, and a trailing backslash joining the next line. Lines before any section or without
 * {@code =} are reported and ignored, as systemd does.
 */
public final class SystemdConfParser {

    private SystemdConfParser() { }

    public static SystemdConfFile parse(String file, String text) {
        List<SystemdConfEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String section = "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            StringBuilder logical = new StringBuilder(stripCr(lines[i]));
            while (logical.length() > 0 && logical.charAt(logical.length() - 1) == '\\' && i + 1 < lines.length
                    && !isComment(logical.toString().strip())) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(stripCr(lines[++i]));
            }
            String line = logical.toString().strip();
            if (line.isEmpty() || isComment(line)) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    problems.add(file + ":" + lineNo + ": " + AuditTexts.get("parse.systemd.bad-section"));
                    continue;
                }
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(file + ":" + lineNo + ": " + AuditTexts.get("parse.systemd.no-equals", ""));
                continue;
            }
            if (section.isEmpty()) {
                problems.add(file + ":" + lineNo + ": " + AuditTexts.get("parse.systemd.outside-section"));
                continue;
            }
            entries.add(new SystemdConfEntry(section, line.substring(0, eq).strip(), line.substring(eq + 1).strip(),
                    file, lineNo));
        }
        return new SystemdConfFile(file, entries, problems);
    }

    private static boolean isComment(String s) {
        return s.startsWith("#") || s.startsWith(";");
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
