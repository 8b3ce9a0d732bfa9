package de.tomaudit.collect.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * fail2ban's jail configuration as fail2ban layers it: jail.conf, jail.d/*.conf, jail.local,
 * jail.d/*.local, later files overriding earlier ones key by key; {@code [DEFAULT]} applies to every
 * jail; INI syntax with {@code =} or {@code :}, comment lines starting with {@code #} or {@code ;},
 * indented continuation lines. Only what decides whether a jail runs is kept: {@code enabled} and
 * {@code filter}, each with its file and line. (A parser of fail2ban's INI dialect; it belongs to
 * the brute-force collector until another collector needs it.)
 */
final class BruteforceJailConfig {

    /** A value with the place it was set. */
    record Value(String value, String file, int line) {
        String source() {
            return file + ":" + line;
        }
    }

    /** A jail section and its effective settings. */
    record Jail(String name, boolean enabled, Optional<Value> enabledBy, String filter) { }

    private final Map<String, Map<String, Value>> sections = new LinkedHashMap<>();

    /** Adds one file; call in fail2ban's reading order. */
    void add(String file, String text) {
        String section = null;
        String lastKey = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].replace("\r", "");
            String t = raw.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && section != null && lastKey != null) {
                Map<String, Value> s = sections.get(section);
                Value prev = s.get(lastKey);
                s.put(lastKey, new Value(prev.value() + "\n" + stripInlineComment(t), prev.file(), prev.line()));
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1).strip();
                sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = firstSeparator(t);
            if (section == null || eq <= 0) {
                lastKey = null;
                continue;
            }
            lastKey = t.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            sections.get(section).put(lastKey, new Value(stripInlineComment(t.substring(eq + 1).strip()), file, i + 1));
        }
    }

    private static int firstSeparator(String t) {
        int eq = t.indexOf('=');
        int colon = t.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String stripInlineComment(String v) {
        for (int i = 1; i < v.length(); i++) {
            if ((v.charAt(i) == '#' || v.charAt(i) == ';') && Character.isWhitespace(v.charAt(i - 1))) {
                return v.substring(0, i).strip();
            }
        }
        return v;
    }

    /** Every jail section (not DEFAULT, INCLUDES, Definition, Init) with its effective enabled and filter. */
    List<Jail> jails() {
        Map<String, Value> defaults = sections.getOrDefault("DEFAULT", Map.of());
        List<Jail> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Value>> e : sections.entrySet()) {
            String name = e.getKey();
            if (List.of("DEFAULT", "INCLUDES", "Definition", "Init").contains(name)) {
                continue;
            }
            Optional<Value> enabled = Optional.ofNullable(e.getValue().get("enabled"))
                    .or(() -> Optional.ofNullable(defaults.get("enabled")));
            String filter = Optional.ofNullable(e.getValue().get("filter")).map(Value::value).orElse(name);
            out.add(new Jail(name, enabled.map(v -> truthy(v.value())).orElse(false), enabled, filter));
        }
        return out;
    }

    /** Jails that watch sshd: named ssh/sshd or using the sshd filter. */
    List<Jail> sshdJails() {
        return jails().stream().filter(j -> j.name().equals("sshd") || j.name().equals("ssh")
                || j.filter().equals("sshd") || j.filter().startsWith("sshd[") || j.filter().startsWith("sshd ")).toList();
    }

    /** One of Python configparser's boolean words (anything else makes getboolean fail). */
    static boolean isBoolean(String v) {
        return truthy(v) || List.of("0", "no", "false", "off").contains(v.strip().toLowerCase(Locale.ROOT));
    }

    /** Python configparser's boolean words. */
    static boolean truthy(String v) {
        return List.of("1", "yes", "true", "on").contains(v.strip().toLowerCase(Locale.ROOT));
    }
}
