package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.firewall.FwChain;
import de.tomaudit.parse.firewall.FwRule;
import de.tomaudit.parse.firewall.FwRuleset;
import de.tomaudit.parse.firewall.UfwStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a ruleset does to packets arriving for this host. A filter is active when an input
 * base chain (family inet, ip or ip6) has policy drop, or ends in a catch-all drop/reject rule
 * (e.g. {@code -A INPUT -j REJECT}); the open ports are the accept rules with a destination
 * port reached from the input chains (following jump and goto), except those only for the
 * loopback interface. Source restrictions are kept ({@code from}).
 */
final class FirewallInputAnalysis {

    record OpenPort(String proto, String port, String from, String family, String source) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("proto", proto);
            m.put("port", port);
            m.put("from", from);
            m.put("family", family);
            m.put("source", source);
            return m;
        }
    }

    record Result(boolean active, boolean ipv4, boolean ipv6, String policy, List<OpenPort> open, List<String> chains) {
        Result {
            open = List.copyOf(open);
            chains = List.copyOf(chains);
        }
    }

    private FirewallInputAnalysis() { }

    static Result of(FwRuleset rs) {
        boolean active = false;
        boolean v4 = false;
        boolean v6 = false;
        String policy = "accept";
        List<OpenPort> open = new ArrayList<>();
        List<String> chains = new ArrayList<>();
        for (FwChain c : rs.inputFilters()) {
            if (!Set.of("inet", "ip", "ip6").contains(c.family())) {
                continue;
            }
            String p = c.policy().orElse("accept").toLowerCase(Locale.ROOT);
            boolean catchAllDrop = c.rules().stream().anyMatch(r -> r.catchAll() && r.isDropOrReject()
                    && r.inInterface().isEmpty());
            boolean chainActive = p.equals("drop") || catchAllDrop;
            if (p.equals("drop")) {
                policy = "drop";
            } else if (catchAllDrop && !policy.equals("drop")) {
                policy = "accept (ends in a catch-all drop/reject)";
            }
            chains.add(AuditTexts.get(chainActive ? "evidence.host.firewall.chain" : "evidence.host.firewall.chain-open",
                    c.family() + " " + c.table() + " " + c.name(), p, c.rules().size(), c.origin()));
            if (chainActive) {
                active = true;
                v4 |= !c.family().equals("ip6");
                v6 |= !c.family().equals("ip");
            }
            collectOpen(rs, c, family(c.family()), new HashSet<>(), open);
        }
        return new Result(active, v4, v6, policy, dedupe(open), chains);
    }

    /** Open ports of ufw's own chains read from its rule files (user.rules, user6.rules). */
    static List<OpenPort> openFrom(FwRuleset rs, String... chainNames) {
        List<OpenPort> open = new ArrayList<>();
        for (FwChain c : rs.chains()) {
            if (List.of(chainNames).contains(c.name())) {
                collectOpen(rs, c, family(c.family()), new HashSet<>(), open);
            }
        }
        return dedupe(open);
    }

    static Result of(UfwStatus ufw, String origin) {
        String in = ufw.incomingPolicy().orElse("deny");
        String policy = switch (in) {
            case "deny" -> "drop";
            case "reject" -> "reject";
            default -> "accept";
        };
        boolean active = ufw.active() && !policy.equals("accept");
        List<OpenPort> open = new ArrayList<>();
        for (UfwStatus.Rule r : ufw.rules()) {
            if (!(r.action().equals("ALLOW") || r.action().equals("LIMIT")) || !r.direction().equals("IN")) {
                continue;
            }
            String to = r.to().replaceAll("\\s+on\\s+\\S+$", "");
            String[] words = to.split("\\s+");
            String portSpec = words[words.length - 1];
            String from = r.from().replaceAll("\\s+on\\s+\\S+$", "");
            from = from.equals("Anywhere") ? "any" : from.split("\\s+")[0];
            String fam = r.v6() ? "ipv6" : "ipv4";
            if (portSpec.equals("Anywhere") || portSpec.matches("[0-9a-fA-F.:/]+") && portSpec.contains(".")) {
                open.add(new OpenPort("all", "all", from, fam, r.origin()));
            } else if (portSpec.contains("/")) {
                String[] pp = portSpec.split("/");
                open.add(new OpenPort(pp[1], pp[0].replace(':', '-'), from, fam, r.origin()));
            } else if (portSpec.matches("[0-9,:]+")) {
                for (String port : portSpec.split(",")) {
                    open.add(new OpenPort("tcp", port.replace(':', '-'), from, fam, r.origin()));
                    open.add(new OpenPort("udp", port.replace(':', '-'), from, fam, r.origin()));
                }
            } else {
                open.add(new OpenPort("app", to, from, fam, r.origin()));
            }
        }
        return new Result(active, active, active, policy, dedupe(open),
                List.of("ufw " + (ufw.active() ? "active" : "inactive") + ", default " + in + " (incoming) (" + origin + ")"));
    }

    private static void collectOpen(FwRuleset rs, FwChain c, String family, Set<String> visited, List<OpenPort> open) {
        if (!visited.add(c.family() + " " + c.table() + " " + c.name())) {
            return;
        }
        for (FwRule r : c.rules()) {
            if (r.onLoopbackInterface()) {
                continue;
            }
            if ((r.verdict().equals("jump") || r.verdict().equals("goto")) && !r.otherMatches()) {
                rs.chain(c.family(), c.table(), r.jumpTarget()).ifPresent(t -> collectOpen(rs, t, family, visited, open));
            } else if (r.verdict().equals("accept") && !r.otherMatches()) {
                String from = r.saddr().isEmpty() ? "any" : r.saddr();
                if (r.dports().isEmpty()) {
                    if (r.proto().isEmpty() && r.inInterface().isEmpty()) {
                        open.add(new OpenPort("all", "all", from, family, r.origin()));
                    } else if (r.inInterface().isEmpty()) {
                        for (String proto : protos(r.proto())) {
                            open.add(new OpenPort(proto, "all", from, family, r.origin()));
                        }
                    }
                    continue;
                }
                for (String port : r.dports()) {
                    for (String proto : protos(r.proto())) {
                        open.add(new OpenPort(proto, port, from, family, r.origin()));
                    }
                }
            }
            if (r.catchAll() && r.inInterface().isEmpty() && (r.isDropOrReject() || r.verdict().equals("accept"))) {
                break; // nothing after a catch-all verdict is reached
            }
        }
    }

    private static List<String> protos(String p) {
        return p.isEmpty() || p.equals("tcp+udp") || p.equals("udp+tcp") ? List.of("tcp", "udp") : List.of(p);
    }

    private static String family(String nftFamily) {
        return switch (nftFamily) {
            case "ip" -> "ipv4";
            case "ip6" -> "ipv6";
            default -> "any";
        };
    }

    private static List<OpenPort> dedupe(List<OpenPort> open) {
        Map<String, OpenPort> seen = new LinkedHashMap<>();
        for (OpenPort o : open) {
            seen.putIfAbsent(o.proto() + "|" + o.port() + "|" + o.from() + "|" + o.family(), o);
        }
        return new ArrayList<>(seen.values());
    }
}
