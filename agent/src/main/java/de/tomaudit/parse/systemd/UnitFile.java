package de.tomaudit.parse.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit: the assignments of its file and of its drop-ins, in the order systemd
 * applies them. For list settings ({@code ExecStart=}, {@code Environment=}) an empty
 * assignment clears what came before; for single settings the last assignment wins.
 */
public record UnitFile(String path, List<UnitEntry> entries, List<UnitProblem> problems) {

    public UnitFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** The unit file followed by its drop-ins (already sorted by the caller). */
    public UnitFile withDropIns(List<UnitFile> dropIns) {
        List<UnitEntry> all = new ArrayList<>(entries);
        List<UnitProblem> allProblems = new ArrayList<>(problems);
        for (UnitFile d : dropIns) {
            all.addAll(d.entries());
            allProblems.addAll(d.problems());
        }
        return new UnitFile(path, all, allProblems);
    }

    /**
     * A template unit ({@code name@.service}) made concrete for an instance: {@code %i} is the
     * instance as written, {@code %I} unescaped ({@code -} to {@code /}, {@code \xNN} decoded),
     * {@code %%} a percent sign.
     */
    public UnitFile forInstance(String instance) {
        String unescaped = unescape(instance);
        List<UnitEntry> out = new ArrayList<>();
        for (UnitEntry e : entries) {
            StringBuilder v = new StringBuilder();
            String s = e.value();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%' && i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    v.append(n == 'i' ? instance : n == 'I' ? unescaped : n == '%' ? "%" : "%" + n);
                } else {
                    v.append(c);
                }
            }
            out.add(new UnitEntry(e.section(), e.key(), v.toString(), e.path(), e.line()));
        }
        return new UnitFile(path, out, problems);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                out.append('/');
            } else if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                try {
                    out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    i += 3;
                } catch (NumberFormatException e) {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every value of a list setting after empty assignments reset it. */
    public List<UnitEntry> values(String section, String key) {
        List<UnitEntry> out = new ArrayList<>();
        for (UnitEntry e : entries) {
            if (e.section().equals(section) && e.key().equals(key)) {
                if (e.value().isEmpty()) {
                    out.clear();
                } else {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The effective value of a single setting: the last non-reset assignment. */
    public Optional<UnitEntry> last(String section, String key) {
        List<UnitEntry> v = values(section, key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** The variables of every {@code Environment=} line ({@code "A=1" B=2}), later ones win. */
    public Map<String, String> environment(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        for (UnitEntry e : values(section, "Environment")) {
            for (String word : splitQuoted(e.value())) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    out.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
        }
        return out;
    }

    /** Splits at whitespace outside double or single quotes, removing the quotes. */
    public static List<String> splitQuoted(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < value.length()) {
                    cur.append(value.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
