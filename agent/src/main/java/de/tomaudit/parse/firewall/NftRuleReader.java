package de.tomaudit.parse.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one nft rule ({@code ip saddr 10.0.0.0/8 tcp dport { 22, 443 } counter accept}) into an
 * {@link FwRule}: the matches an input-path audit needs are understood (transport and destination
 * port, l4proto, source address, input interface, connection state), neutral statements are
 * skipped (counter, comment, log, limit), anything else counts as "other match".
 */
final class NftRuleReader {
    private static final Set<String> L4 = Set.of("tcp", "udp", "th", "sctp", "dccp", "udplite");

    private NftRuleReader() { }

    static FwRule read(List<String> t, Map<String, List<String>> sets, String origin) {
        String verdict = "";
        String jump = "";
        String proto = "";
        List<String> ports = new ArrayList<>();
        String saddr = "";
        String iface = "";
        boolean other = false;
        int i = 0;
        while (i < t.size()) {
            String w = t.get(i);
            String next = i + 1 < t.size() ? t.get(i + 1) : "";
            String third = i + 2 < t.size() ? t.get(i + 2) : "";
            if (L4.contains(w) && next.equals("dport")) {
                if (third.equals("!=")) {
                    other = true;
                    i += 4;
                    continue;
                }
                proto = w.equals("th") ? (proto.isEmpty() ? "tcp+udp" : proto) : w;
                ports.addAll(ports(third, sets));
                i += 3;
            } else if (L4.contains(w) && !next.isEmpty() && !isVerdict(next)) {
                other = true; // tcp sport …, tcp flags …
                i += 3;
            } else if ((w.equals("meta") && next.equals("l4proto")) || (w.equals("ip") && next.equals("protocol"))
                    || (w.equals("ip6") && next.equals("nexthdr"))) {
                List<String> ps = FwTokens.elements(third);
                if (ps.stream().allMatch(p -> p.equals("tcp") || p.equals("udp"))) {
                    proto = String.join("+", ps);
                } else {
                    other = true; // icmp, ipv6-icmp …: not a port
                }
                i += 3;
            } else if ((w.equals("ip") || w.equals("ip6")) && next.equals("saddr")) {
                if (third.equals("!=")) {
                    other = true;
                    i += 4;
                    continue;
                }
                saddr = third.startsWith("@") ? third : String.join(",", FwTokens.elements(third));
                i += 3;
            } else if (w.equals("iif") || w.equals("iifname")) {
                iface = FwTokens.unquote(next);
                i += 2;
            } else if (w.equals("meta") && (next.equals("iif") || next.equals("iifname"))) {
                iface = FwTokens.unquote(third);
                i += 3;
            } else if (w.equals("ct") && (next.equals("state") || next.equals("ctstate"))) {
                // "ct state new" only narrows to new connections: the port is still open
                if (!FwTokens.elements(third).contains("new")) {
                    other = true;
                }
                i += 3;
            } else if (w.equals("counter")) {
                i += next.equals("packets") ? 5 : 1;
            } else if (w.equals("comment")) {
                i += 2;
            } else if (w.equals("log")) {
                i++;
                while (i < t.size() && Set.of("prefix", "level", "flags", "group", "snaplen", "queue-threshold")
                        .contains(t.get(i))) {
                    i += 2;
                }
            } else if (w.equals("limit")) {
                i++;
                while (i < t.size() && !isVerdict(t.get(i)) && !t.get(i).equals("counter") && !t.get(i).equals("log")) {
                    i++;
                }
            } else if (isVerdict(w)) {
                verdict = w;
                if (w.equals("jump") || w.equals("goto")) {
                    jump = next;
                    i += 2;
                } else if (w.equals("reject") && next.equals("with")) {
                    i = t.size();
                } else {
                    i++;
                }
            } else {
                other = true;
                i++;
            }
        }
        return new FwRule(verdict, jump, proto, ports, saddr, iface, other, origin);
    }

    static boolean isVerdict(String w) {
        return Set.of("accept", "drop", "reject", "jump", "goto", "return", "continue", "queue").contains(w);
    }

    private static List<String> ports(String spec, Map<String, List<String>> sets) {
        if (spec.startsWith("@")) {
            return sets.getOrDefault(spec.substring(1), List.of(spec)).stream().map(FwTokens::port).toList();
        }
        return FwTokens.elements(spec).stream().map(FwTokens::port).toList();
    }
}
