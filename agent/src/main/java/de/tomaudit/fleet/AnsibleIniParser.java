package de.tomaudit.fleet;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory format: hosts before any section are ungrouped; {@code [group]} lists
 * hosts with inline {@code key=value} variables, {@code [group:children]} lists groups,
 * {@code [group:vars]} holds one {@code key=value} per line. Comments start with {@code #} or
 * {@code ;}. A {@code :vars} or {@code :children} section naming a group declared nowhere is an
 * error, as in Ansible.
 */
final class AnsibleIniParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");
    private static final Pattern VALUE_THEN_COMMENT = Pattern.compile("^('[^']*'|\"[^\"]*\"|[-+]?\\d[\\d.]*|True|False|None|true|false)\\s+#.*$");

    private record Pending(String kind, int line, String parent) { }

    private AnsibleIniParser() { }

    static List<FleetTarget> parse(String file, String text) throws InventoryException {
        AnsibleInventory inv = new AnsibleInventory(file);
        Map<String, Pending> pending = new LinkedHashMap<>();
        Map<String, List<String>> pendingChildren = new LinkedHashMap<>();
        String group = "ungrouped";
        String state = "hosts";
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int no = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    throw new InventoryException(file, no, AuditTexts.get("input.ini.section-type", group, state));
                }
                if (!inv.hasGroup(group) && state.equals("vars")) {
                    pending.putIfAbsent(group, new Pending("vars", no, group));
                }
                if (!state.equals("vars")) {
                    pending.remove(group);
                    List<String> parents = pendingChildren.remove(group);
                    if (parents != null) {
                        for (String p : parents) {
                            inv.child(p, group, no);
                        }
                    }
                }
                inv.group(group, no);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                throw new InventoryException(file, no, AuditTexts.get("input.ini.section-invalid", line));
            }
            switch (state) {
                case "hosts" -> hostLine(inv, group, line, file, no);
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new InventoryException(file, no, AuditTexts.get("input.ini.vars-line"));
                    }
                    inv.groupVar(group, line.substring(0, eq).strip(), value(line.substring(eq + 1).strip()));
                }
                default -> {
                    Matcher g = GROUP_NAME.matcher(line);
                    if (!g.matches()) {
                        throw new InventoryException(file, no, AuditTexts.get("input.ini.children-line"));
                    }
                    String child = g.group(1);
                    if (inv.hasGroup(child) && !pendingChildren.containsKey(child)) {
                        inv.child(group, child, no);
                    } else {
                        pendingChildren.computeIfAbsent(child, c -> new ArrayList<>()).add(group);
                        pending.putIfAbsent(child, new Pending("children", no, group));
                    }
                }
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.kind().equals("vars")) {
                throw new InventoryException(file, p.line(), AuditTexts.get("input.ini.vars-nowhere", e.getKey()));
            }
            throw new InventoryException(file, p.line(), AuditTexts.get("input.ini.child-nowhere", p.parent(), e.getKey()));
        }
        return inv.targets();
    }

    private static void hostLine(AnsibleInventory inv, String group, String line, String file, int no) throws InventoryException {
        List<String> tokens;
        try {
            tokens = ShellTokens.split(line);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(file, no, AuditTexts.get("input.ini.host-line", e.getMessage()));
        }
        if (tokens.isEmpty()) {
            return;
        }
        if (tokens.get(0).equals("---")) {
            throw new InventoryException(file, no, AuditTexts.get("input.ini.yaml-document"));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String t : tokens.subList(1, tokens.size())) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new InventoryException(file, no, AuditTexts.get("input.ini.host-vars"));
            }
            vars.put(t.substring(0, eq), value(t.substring(eq + 1)));
        }
        inv.hosts(group, tokens.get(0), vars, no);
    }

    /** A value as Ansible's literal evaluation leaves a scalar: quotes removed, a trailing comment after a literal dropped. */
    static String value(String raw) {
        Matcher c = VALUE_THEN_COMMENT.matcher(raw);
        String v = c.matches() ? c.group(1) : raw;
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
