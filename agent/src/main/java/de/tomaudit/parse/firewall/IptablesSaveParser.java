package de.tomaudit.parse.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code iptables-save}/{@code ip6tables-save} output and files in that format
 * (/etc/iptables/rules.v4, ufw's user.rules): {@code *table}, {@code :CHAIN POLICY [p:b]},
 * {@code -A}/{@code -I CHAIN …}, {@code COMMIT}. The built-in chains of the filter table become
 * base chains ({@code INPUT} on the input hook), with family {@code ip} or {@code ip6}.
 */
public final class IptablesSaveParser {
    private static final Map<String, String> HOOKS = Map.of("INPUT", "input", "FORWARD", "forward", "OUTPUT", "output",
            "PREROUTING", "prerouting", "POSTROUTING", "postrouting");
    private static final Set<String> NEUTRAL_MODULES = Set.of("tcp", "udp", "multiport", "comment", "limit",
            "conntrack", "state");

    private IptablesSaveParser() { }

    /** @param family {@code ip} for iptables, {@code ip6} for ip6tables */
    public static FwRuleset parse(String text, String family, String origin) {
        List<FwProblem> problems = new ArrayList<>();
        Map<String, Chain> chains = new LinkedHashMap<>();
        String table = "";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = origin + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.equals("COMMIT")) {
                continue;
            }
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
                continue;
            }
            if (table.isEmpty()) {
                problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.outside-table")));
                continue;
            }
            if (line.startsWith(":")) {
                String[] f = line.substring(1).split("\\s+");
                String name = f[0];
                Optional<String> policy = f.length > 1 && !f[1].equals("-")
                        ? Optional.of(FwTokens.policy(f[1])) : Optional.empty();
                String t = table;
                Chain c = chains.computeIfAbsent(t + " " + name, k -> new Chain(t, name, where));
                c.policy = policy;
                continue;
            }
            List<String> words = FwTokens.split(line);
            if (words.size() < 2 || !(words.get(0).equals("-A") || words.get(0).equals("-I")
                    || words.get(0).equals("--append") || words.get(0).equals("--insert"))) {
                problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.not-iptables")));
                continue;
            }
            String t = table;
            Chain c = chains.computeIfAbsent(t + " " + words.get(1), k -> new Chain(t, words.get(1), where));
            int start = 2;
            boolean insert = words.get(0).equals("-I") || words.get(0).equals("--insert");
            if (insert && words.size() > 2 && words.get(2).matches("\\d+")) {
                start = 3;
            }
            FwRule rule = rule(words.subList(start, words.size()), where);
            if (insert) {
                c.rules.add(0, rule);
            } else {
                c.rules.add(rule);
            }
        }
        List<FwChain> out = new ArrayList<>();
        for (Chain c : chains.values()) {
            Optional<String> hook = c.table.equals("filter") ? Optional.ofNullable(HOOKS.get(c.name)) : Optional.empty();
            out.add(new FwChain(family, c.table, c.name, hook, hook.map(h -> "filter"), c.policy, c.rules, c.origin));
        }
        return new FwRuleset(out, problems);
    }

    private static final class Chain {
        final String table;
        final String name;
        final String origin;
        Optional<String> policy = Optional.empty();
        final List<FwRule> rules = new ArrayList<>();

        Chain(String table, String name, String origin) {
            this.table = table;
            this.name = name;
            this.origin = origin;
        }
    }

    static FwRule rule(List<String> w, String origin) {
        String verdict = "";
        String jump = "";
        String proto = "";
        List<String> ports = new ArrayList<>();
        String saddr = "";
        String iface = "";
        boolean other = false;
        boolean negate = false;
        for (int i = 0; i < w.size(); i++) {
            String a = w.get(i);
            String v = i + 1 < w.size() ? FwTokens.unquote(w.get(i + 1)) : "";
            if (a.equals("!")) {
                negate = true;
                continue;
            }
            boolean neg = negate;
            negate = false;
            switch (a) {
                case "-p", "--protocol" -> {
                    if (neg || !(v.equals("tcp") || v.equals("udp") || v.equals("all"))) {
                        other = true;
                    } else if (!v.equals("all")) {
                        proto = v;
                    }
                    i++;
                }
                case "-s", "--source" -> {
                    if (neg) {
                        other = true;
                    } else if (!v.equals("0.0.0.0/0") && !v.equals("::/0")) {
                        saddr = v;
                    }
                    i++;
                }
                case "-i", "--in-interface" -> {
                    if (neg) {
                        other = true;
                    } else {
                        iface = v;
                    }
                    i++;
                }
                case "--dport", "--destination-port" -> {
                    if (neg) {
                        other = true;
                    } else {
                        ports.add(FwTokens.port(v.replace(':', '-')));
                    }
                    i++;
                }
                case "--dports", "--destination-ports" -> {
                    if (neg) {
                        other = true;
                    } else {
                        for (String p : v.split(",")) {
                            ports.add(FwTokens.port(p.replace(':', '-')));
                        }
                    }
                    i++;
                }
                case "--ctstate", "--state" -> {
                    // only NEW narrows to new connections and keeps the port open; ESTABLISHED etc. do not
                    if (neg || !java.util.Arrays.asList(v.toUpperCase(Locale.ROOT).split(",")).contains("NEW")) {
                        other = true;
                    }
                    i++;
                }
                case "-m", "--match" -> {
                    if (!NEUTRAL_MODULES.contains(v)) {
                        other = true;
                    }
                    i++;
                }
                case "-j", "--jump" -> {
                    switch (v) {
                        case "ACCEPT" -> verdict = "accept";
                        case "DROP" -> verdict = "drop";
                        case "REJECT" -> verdict = "reject";
                        case "RETURN" -> verdict = "return";
                        case "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT", "TRACE", "AUDIT" -> verdict = "";
                        default -> {
                            verdict = "jump";
                            jump = v;
                        }
                    }
                    i++;
                }
                case "-g", "--goto" -> {
                    verdict = "goto";
                    jump = v;
                    i++;
                }
                case "--comment", "--limit", "--limit-burst", "--reject-with", "--log-prefix", "--log-level",
                        "-c", "--set-counters" -> i += a.equals("-c") ? 2 : 1;
                default -> {
                    other = true;
                    if (a.startsWith("-") && i + 1 < w.size() && !w.get(i + 1).startsWith("-")) {
                        i++;
                    }
                }
            }
        }
        return new FwRule(verdict, jump, proto, ports, saddr, iface, other, origin);
    }
}
