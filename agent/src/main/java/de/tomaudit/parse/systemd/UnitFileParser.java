package de.tomaudit.parse.systemd;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses systemd unit file syntax (systemd.syntax(7)): {@code [Section]} headers,
 * {@code Key=value} lines, comments starting with {@code #} or {@code ;}, and lines ending
 * in a backslash continued on the next line (joined with a space; comment lines inside a
 * continuation are skipped). Lines systemd would ignore are reported as problems.
 */
public final class UnitFileParser {

    private UnitFileParser() { }

    public static UnitFile parse(String path, String text) {
        List<UnitEntry> entries = new ArrayList<>();
        List<UnitProblem> problems = new ArrayList<>();
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int startLine = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                line = "";
                while (i + 1 < lines.length) {
                    String next = lines[++i].strip();
                    if (next.startsWith("#") || next.startsWith(";")) {
                        continue;
                    }
                    line = next;
                    break;
                }
            }
            logical.append(line);
            String l = logical.toString().strip();
            if (l.startsWith("[")) {
                if (!l.endsWith("]")) {
                    problems.add(new UnitProblem(path, startLine, de.tomaudit.i18n.AuditTexts.get("parse.unit.section")));
                    section = null;
                } else {
                    section = l.substring(1, l.length() - 1).strip();
                }
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                problems.add(new UnitProblem(path, startLine, de.tomaudit.i18n.AuditTexts.get("parse.systemd.no-equals", "")));
                continue;
            }
            if (section == null) {
                problems.add(new UnitProblem(path, startLine, de.tomaudit.i18n.AuditTexts.get("parse.unit.outside")));
                continue;
            }
            entries.add(new UnitEntry(section, l.substring(0, eq).strip(), l.substring(eq + 1).strip(), path, startLine));
        }
        return new UnitFile(path, entries, problems);
    }

}
