package de.tomaudit.fleet;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.audit.KindDetector;
import de.tomaudit.audit.TargetSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups, hosts and variables of an Ansible inventory (INI or YAML), and how they become
 * targets (without {@code ansible_port} the port is left to ~/.ssh/config, else 22). Variables apply as in Ansible: {@code all}, then groups from the outermost to the
 * innermost (same depth: by name), then the host's own. Of the connection variables,
 * {@code ansible_host}, {@code ansible_port}, {@code ansible_user},
 * {@code ansible_ssh_private_key_file}, {@code ansible_connection=local} and
 * {@code ansible_become} are used; {@code tomaudit_kinds} names the products, and
 * {@code tomaudit_address} any tomaudit target instead ({@code dir:/srv/image},
 * {@code bundle:/srv/host.tar.gz}, {@code local}, {@code ssh://…}). The groups a
 * host is in become its tags; the remaining variables are kept as the target's variables.
 */
final class AnsibleInventory {
    private static final Set<String> CONNECTION = Set.of("ansible_host", "ansible_ssh_host", "ansible_port", "ansible_ssh_port",
            "ansible_user", "ansible_ssh_user", "ansible_ssh_private_key_file", "ansible_private_key_file",
            "ansible_connection", "ansible_become", "tomaudit_kinds", "tomaudit_address");

    private record Group(String name, int line, Map<String, String> vars, Set<String> children, Set<String> parents) { }

    private record Host(String name, int line, Map<String, String> vars, Set<String> groups) { }

    /** Groups nested deeper than this are refused (Ansible has no limit; real inventories use a handful). */
    static final int MAX_NESTING = 64;

    private final String file;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    AnsibleInventory(String file) {
        this.file = file;
        group("all", 0);
        group("ungrouped", 0);
    }

    void group(String name, int line) {
        groups.computeIfAbsent(name, n -> new Group(n, line, new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashSet<>()));
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    void groupVar(String group, String key, String value) {
        group(group, 0);
        groups.get(group).vars().put(key, value);
    }

    void child(String parent, String child, int line) throws InventoryException {
        if (parent.equals(child)) {
            throw new InventoryException(file, line, AuditTexts.get("input.ansible.own-child", child));
        }
        group(parent, line);
        group(child, line);
        groups.get(parent).children().add(child);
        groups.get(child).parents().add(parent);
    }

    /** Adds every host of a pattern to a group, with its port and variables. */
    void hosts(String group, String pattern, Map<String, String> vars, int line) throws InventoryException {
        HostPattern p;
        try {
            p = HostPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new InventoryException(file, line, e.getMessage());
        }
        group(group, line);
        for (String name : p.hosts()) {
            Host h = hosts.computeIfAbsent(name, n -> new Host(n, line, new LinkedHashMap<>(), new LinkedHashSet<>()));
            h.vars().putAll(vars);
            p.port().ifPresent(port -> h.vars().put("ansible_port", Integer.toString(port)));
            h.groups().add(group);
        }
    }

    List<FleetTarget> targets() throws InventoryException {
        Map<String, Integer> depth = depths();
        List<FleetTarget> out = new ArrayList<>();
        for (Host h : hosts.values()) {
            Set<String> member = new LinkedHashSet<>();
            for (String g : h.groups()) {
                ancestors(g, member);
            }
            member.add("all");
            if (h.groups().stream().allMatch(g -> g.equals("ungrouped") || g.equals("all"))) {
                member.add("ungrouped");
            }
            List<String> ordered = new ArrayList<>(member);
            ordered.sort(Comparator.comparing((String g) -> depth.getOrDefault(g, 1)).thenComparing(g -> g));
            Map<String, String> vars = new LinkedHashMap<>();
            for (String g : ordered) {
                vars.putAll(groups.get(g).vars());
            }
            vars.putAll(h.vars());
            List<String> tags = ordered.stream().filter(g -> !g.equals("all") && !g.equals("ungrouped")).sorted().toList();
            out.add(target(h, vars, tags));
        }
        return out;
    }

    private FleetTarget target(Host h, Map<String, String> vars, List<String> tags) throws InventoryException {
        String connection = vars.getOrDefault("ansible_connection", "ssh");
        TargetSpec spec;
        try {
            if (vars.containsKey("tomaudit_address")) {
                spec = TargetSpec.parse(vars.get("tomaudit_address"));
            } else if (connection.equals("local")) {
                spec = TargetSpec.parse("local");
            } else if (connection.equals("ssh") || connection.equals("paramiko") || connection.equals("smart")) {
                String host = first(vars, "ansible_host", "ansible_ssh_host").orElse(h.name());
                Optional<String> user = first(vars, "ansible_user", "ansible_ssh_user");
                Optional<String> port = first(vars, "ansible_port", "ansible_ssh_port");
                if (port.isPresent() && !port.get().matches("\\d{1,5}")) {
                    throw new InventoryException(file, h.line(), AuditTexts.get("input.ansible.port", h.name(), port.get()));
                }
                String hostPart = host.contains(":") ? "[" + host + "]" : host;
                spec = TargetSpec.parse("ssh://" + user.map(u -> u + "@").orElse("") + hostPart + port.map(p -> ":" + p).orElse(""));
            } else {
                throw new InventoryException(file, h.line(), AuditTexts.get("input.ansible.connection", h.name(), connection));
            }
        } catch (IllegalArgumentException e) {
            throw new InventoryException(file, h.line(), AuditTexts.get("input.ansible.host-problem", h.name(), e.getMessage()));
        }
        Set<String> kinds = kinds(Optional.ofNullable(vars.get("tomaudit_kinds")), h);
        Optional<Boolean> sudo = Optional.ofNullable(vars.get("ansible_become")).map(AnsibleInventory::truthy);
        Optional<String> identity = first(vars, "ansible_ssh_private_key_file", "ansible_private_key_file").map(FleetTarget::expandHome);
        Map<String, String> rest = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
            if (!CONNECTION.contains(k)) {
                rest.put(k, v);
            }
        });
        return new FleetTarget(h.name(), spec, kinds, sudo, identity, tags, rest, file + ":" + h.line());
    }

    private Set<String> kinds(Optional<String> text, Host h) throws InventoryException {
        Set<String> kinds = new LinkedHashSet<>();
        if (text.isEmpty()) {
            return kinds;
        }
        for (String k : text.get().replaceAll("[\\[\\]'\"]", "").split("[,\\s]+")) {
            String kind = k.trim().toLowerCase(Locale.ROOT);
            if (kind.isEmpty()) {
                continue;
            }
            if (!KindDetector.KINDS.contains(kind)) {
                throw new InventoryException(file, h.line(), AuditTexts.get("input.ansible.kind", h.name(), String.join(", ", KindDetector.KINDS)));
            }
            kinds.add(kind);
        }
        return kinds;
    }

    static boolean truthy(String v) {
        return Set.of("true", "yes", "on", "1", "y").contains(v.trim().toLowerCase(Locale.ROOT));
    }

    private static Optional<String> first(Map<String, String> vars, String... keys) {
        for (String k : keys) {
            if (vars.containsKey(k) && !vars.get(k).isEmpty()) {
                return Optional.of(vars.get(k));
            }
        }
        return Optional.empty();
    }

    /** Every group above {@code group} (and itself), walked with a work list: no recursion over a deep chain. */
    private void ancestors(String group, Set<String> out) {
        Deque<String> work = new ArrayDeque<>();
        work.push(group);
        while (!work.isEmpty()) {
            String g = work.pop();
            if (out.add(g)) {
                groups.get(g).parents().forEach(work::push);
            }
        }
    }

    /**
     * Depth below {@code all}; a cycle in the children is an error naming a group in it, and so is
     * nesting deeper than {@link #MAX_NESTING} (the longest path is found with an explicit stack, so
     * a chain of any length cannot overflow the Java stack).
     */
    private Map<String, Integer> depths() throws InventoryException {
        Map<String, Integer> depth = new HashMap<>();
        depth.put("all", 0);
        Set<String> visiting = new HashSet<>();
        for (Group start : groups.values()) {
            if (depth.containsKey(start.name())) {
                continue;
            }
            Deque<String> stack = new ArrayDeque<>();
            stack.push(start.name());
            while (!stack.isEmpty()) {
                String name = stack.peek();
                if (depth.containsKey(name)) {
                    stack.pop();
                    continue;
                }
                Group g = groups.get(name);
                visiting.add(name);
                String pending = null;
                int d = 1;
                for (String p : g.parents()) {
                    if (p.equals("all")) {
                        continue;
                    }
                    Integer known = depth.get(p);
                    if (known == null) {
                        if (visiting.contains(p)) {
                            throw new InventoryException(file, groups.get(p).line(),
                                    AuditTexts.get("input.ansible.cycle", p));
                        }
                        pending = p;
                        break;
                    }
                    d = Math.max(d, known + 1);
                }
                if (pending != null) {
                    stack.push(pending);
                    continue;
                }
                if (d > MAX_NESTING) {
                    throw new InventoryException(file, g.line(), AuditTexts.get("input.ansible.nested", String.valueOf(MAX_NESTING)));
                }
                visiting.remove(name);
                depth.put(name, d);
                stack.pop();
            }
        }
        return depth;
    }
}
