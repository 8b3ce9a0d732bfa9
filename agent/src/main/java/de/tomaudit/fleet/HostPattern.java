package de.tomaudit.fleet;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ansible host pattern: a name with optional ranges ({@code www[01:50].example.org},
 * {@code db-[a:f]}, {@code node[0:20:5]}) and an optional {@code :port}
 * ({@code host:2222}, {@code [2001:db8::1]:2222}).
 */
record HostPattern(List<String> hosts, Optional<Integer> port) {
    static final int MAX_HOSTS = 10_000;
    private static final Pattern RANGE = Pattern.compile("\\[([^\\[\\]:]*):([^\\[\\]:]*)(?::([^\\[\\]:]*))?]");
    private static final Pattern BRACKETED_V6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");

    /** Expands the pattern; a message in {@link IllegalArgumentException} says what is wrong. */
    static HostPattern parse(String pattern) {
        Matcher v6 = BRACKETED_V6.matcher(pattern);
        if (v6.matches() && v6.group(1).chars().filter(c -> c == ':').count() >= 2) {
            return new HostPattern(List.of(v6.group(1)), Optional.ofNullable(v6.group(2)).map(HostPattern::port));
        }
        String name = pattern;
        Optional<Integer> port = Optional.empty();
        int colon = lastColonOutsideBrackets(pattern);
        if (colon >= 0) {
            String tail = pattern.substring(colon + 1);
            String head = pattern.substring(0, colon);
            if (tail.matches("\\d{1,5}") && lastColonOutsideBrackets(head) < 0) {
                name = head;
                port = Optional.of(port(tail));
            } else if (tail.isEmpty()) {
                throw new IllegalArgumentException(AuditTexts.get("input.hosts.colon", pattern));
            }
        }
        List<String> hosts = new ArrayList<>();
        expand(name, hosts);
        return new HostPattern(List.copyOf(hosts), port);
    }

    private static int port(String digits) {
        int p = Integer.parseInt(digits);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(AuditTexts.get("input.hosts.port-range", digits));
        }
        return p;
    }

    private static int lastColonOutsideBrackets(String s) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ':' && depth == 0) {
                last = i;
            }
        }
        return last;
    }

    private static void expand(String name, List<String> out) {
        Matcher m = RANGE.matcher(name);
        if (!m.find()) {
            if (name.contains("[") || name.contains("]")) {
                throw new IllegalArgumentException(AuditTexts.get("input.hosts.malformed", name));
            }
            if (out.size() >= MAX_HOSTS) {
                throw new IllegalArgumentException(AuditTexts.get("input.hosts.too-many", String.valueOf(MAX_HOSTS)));
            }
            out.add(name);
            return;
        }
        String head = name.substring(0, m.start());
        String tail = name.substring(m.end());
        String beg = m.group(1).isEmpty() ? "0" : m.group(1);
        String end = m.group(2);
        int step = 1;
        if (m.group(3) != null && !m.group(3).isEmpty()) {
            if (!m.group(3).matches("\\d{1,6}") || Integer.parseInt(m.group(3)) < 1) {
                throw new IllegalArgumentException(AuditTexts.get("input.hosts.step", name));
            }
            step = Integer.parseInt(m.group(3));
        }
        if (end.isEmpty()) {
            throw new IllegalArgumentException(AuditTexts.get("input.hosts.no-end", name));
        }
        List<String> values = new ArrayList<>();
        if (beg.matches("\\d{1,9}") && end.matches("\\d{1,9}")) {
            int b = Integer.parseInt(beg);
            int e = Integer.parseInt(end);
            if (b > e) {
                throw new IllegalArgumentException(AuditTexts.get("input.hosts.reversed", name));
            }
            int width = beg.length() > 1 && beg.startsWith("0") ? beg.length() : 0;
            for (int i = b; i <= e; i += step) {
                values.add(width > 0 ? String.format("%0" + width + "d", i) : Integer.toString(i));
                if (values.size() > MAX_HOSTS) {
                    throw new IllegalArgumentException(AuditTexts.get("input.hosts.too-many", String.valueOf(MAX_HOSTS)));
                }
            }
        } else if (beg.matches("[a-zA-Z]") && end.matches("[a-zA-Z]")) {
            if (beg.charAt(0) > end.charAt(0)) {
                throw new IllegalArgumentException(AuditTexts.get("input.hosts.reversed", name));
            }
            for (char c = beg.charAt(0); c <= end.charAt(0); c += (char) step) {
                values.add(String.valueOf(c));
            }
        } else {
            throw new IllegalArgumentException(AuditTexts.get("input.hosts.mixed", m.group(1), end, name));
        }
        for (String v : values) {
            expand(head + v + tail, out);
        }
    }
}
