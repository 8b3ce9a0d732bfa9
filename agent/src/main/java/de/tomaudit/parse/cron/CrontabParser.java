package de.tomaudit.parse.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses crontab(5) files: system crontabs (/etc/crontab, /etc/cron.d/*) have a user field
 * after the schedule, user crontabs (/var/spool/cron/crontabs/*) do not. Handles
 * {@code @daily}-style keywords, {@code NAME=value} environment lines (quotes removed), comments,
 * and {@code %} in commands (the first unescaped one starts stdin; {@code \%} is a literal).
 */
public final class CrontabParser {

    private static final Set<String> KEYWORDS = Set.of("@reboot", "@yearly", "@annually", "@monthly",
            "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern ENV = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");

    private CrontabParser() { }

    public static Crontab parse(String path, String text, boolean withUserField) {
        List<CronEntry> entries = new ArrayList<>();
        List<CronEnvVar> env = new ArrayList<>();
        List<CronProblem> problems = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher envMatch = ENV.matcher(line);
            if (envMatch.matches()) {
                env.add(new CronEnvVar(envMatch.group(1), unquote(envMatch.group(2)), path, lineNo));
                continue;
            }
            String[] words = line.split("\\s+");
            int fields;
            String schedule;
            if (line.startsWith("@")) {
                if (!KEYWORDS.contains(words[0])) {
                    problems.add(new CronProblem(path, lineNo, de.tomaudit.i18n.AuditTexts.get("parse.cron.keyword")));
                    continue;
                }
                fields = 1;
                schedule = words[0];
            } else {
                fields = 5;
                if (words.length < 6 || !allFields(words)) {
                    problems.add(new CronProblem(path, lineNo, de.tomaudit.i18n.AuditTexts.get("parse.cron.not-cron")));
                    continue;
                }
                schedule = String.join(" ", List.of(words).subList(0, 5));
            }
            int needed = fields + (withUserField ? 2 : 1);
            if (words.length < needed) {
                problems.add(new CronProblem(path, lineNo, withUserField
                        ? de.tomaudit.i18n.AuditTexts.get("parse.cron.no-user-command") : de.tomaudit.i18n.AuditTexts.get("parse.cron.no-command")));
                continue;
            }
            Optional<String> user = withUserField ? Optional.of(words[fields]) : Optional.empty();
            String command = stripStdin(rest(line, fields + (withUserField ? 1 : 0)));
            entries.add(new CronEntry(schedule, user, command, path, lineNo));
        }
        return new Crontab(path, entries, env, problems);
    }

    private static boolean allFields(String[] words) {
        for (int i = 0; i < 5; i++) {
            if (!FIELD.matcher(words[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The text after the first {@code skip} whitespace-separated words, spacing kept. */
    private static String rest(String line, int skip) {
        int i = 0;
        for (int w = 0; w < skip; w++) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
        }
        return line.substring(i).strip();
    }

    private static String stripStdin(String command) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else if (c == '%') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
