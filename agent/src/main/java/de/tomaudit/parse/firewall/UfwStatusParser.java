package de.tomaudit.parse.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code ufw status verbose} (ufw 0.36). */
public final class UfwStatusParser {
    private static final Pattern DEFAULT_IN = Pattern.compile("Default:\\s*(\\w+)\\s*\\(incoming\\)");

    private UfwStatusParser() { }

    public static UfwStatus parse(String text, String origin) {
        boolean active = false;
        boolean statusSeen = false;
        Optional<String> incoming = Optional.empty();
        List<UfwStatus.Rule> rules = new ArrayList<>();
        List<FwProblem> problems = new ArrayList<>();
        boolean inTable = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = origin + ":" + (i + 1);
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Status:")) {
                statusSeen = true;
                active = line.substring(7).strip().equalsIgnoreCase("active");
                continue;
            }
            Matcher m = DEFAULT_IN.matcher(line);
            if (m.find()) {
                incoming = Optional.of(m.group(1).toLowerCase(Locale.ROOT));
                continue;
            }
            if (line.startsWith("To ") && line.contains("Action")) {
                continue;
            }
            if (line.startsWith("--")) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue; // Logging:, New profiles:
            }
            String[] cols = line.split("\\s{2,}");
            if (cols.length < 3) {
                problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.not-ufw-rule")));
                continue;
            }
            String to = cols[0];
            String[] action = cols[1].split("\\s+");
            String from = cols[2];
            boolean v6 = to.endsWith("(v6)") || from.endsWith("(v6)");
            to = to.replace("(v6)", "").strip();
            from = from.replace("(v6)", "").strip();
            rules.add(new UfwStatus.Rule(to, action[0].toUpperCase(Locale.ROOT),
                    action.length > 1 ? action[1].toUpperCase(Locale.ROOT) : "IN", from, v6, where));
        }
        if (!statusSeen) {
            problems.add(new FwProblem(origin, de.tomaudit.i18n.AuditTexts.get("parse.fw.no-status", "")));
        }
        return new UfwStatus(active, incoming, rules, problems);
    }
}
