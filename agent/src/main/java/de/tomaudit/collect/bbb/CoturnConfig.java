package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * coturn's {@code /etc/turnserver.conf}: {@code name=value} and bare flags, {@code #} comments, names
 * with or without leading dashes (as coturn accepts them). Repeatable options ({@code denied-peer-ip})
 * keep every value; the static auth secret is a {@link Secret} at once.
 */
final class CoturnConfig {
    /** The private IPv4 ranges a TURN server must not relay to (CVE-2020-26262 and BBB's guide). */
    static final List<String> PRIVATE_RANGES = List.of("10.0.0.0-10.255.255.255", "172.16.0.0-172.31.255.255",
            "192.168.0.0-192.168.255.255");

    private CoturnConfig() { }

    static void read(Target target, FactSet.Builder facts) {
        String text;
        try {
            text = target.read(BbbPaths.COTURN).text();
        } catch (TargetException e) {
            if (e.isAbsence()) {
                facts.notApplicable("bbb.coturn", AuditTexts.get("na.bbb.no-coturn", BbbPaths.COTURN));
            } else {
                facts.error("bbb.coturn", "read", e.getMessage());
            }
            return;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] ls = text.split("\r?\n", -1);
        for (int i = 0; i < ls.length; i++) {
            String t = ls[i].strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            String name = (eq < 0 ? t.split("\\s+", 2)[0] : t.substring(0, eq)).strip().replaceFirst("^-+", "");
            String value = eq < 0 ? (t.contains(" ") ? t.split("\\s+", 2)[1].strip() : "") : t.substring(eq + 1).strip();
            value = value.replaceFirst("^\"(.*)\"$", "$1");
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            lines.putIfAbsent(name, i + 1);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tls_listening_port", first(values, "tls-listening-port"));
        m.put("no_tlsv1", values.containsKey("no-tlsv1"));
        m.put("no_tlsv1_1", values.containsKey("no-tlsv1_1"));
        m.put("no_tls", values.containsKey("no-tls"));
        m.put("use_auth_secret", values.containsKey("use-auth-secret"));
        m.put("static_auth_secret", Secret.of(first(values, "static-auth-secret")));
        m.put("no_cli", values.containsKey("no-cli"));
        m.put("no_loopback_peers", values.containsKey("no-loopback-peers"));
        m.put("allow_loopback_peers", values.containsKey("allow-loopback-peers"));
        List<String> denied = values.getOrDefault("denied-peer-ip", List.of()).stream()
                .map(v -> v.replaceAll("\\s", "")).toList();
        m.put("denied_peer_ip", denied);
        m.put("denies_private_ranges", denied.containsAll(PRIVATE_RANGES));
        List<Evidence> evidence = new ArrayList<>();
        for (String k : List.of("tls-listening-port", "no-tlsv1", "no-tlsv1_1", "use-auth-secret", "static-auth-secret",
                "no-cli", "no-loopback-peers", "allow-loopback-peers", "denied-peer-ip")) {
            if (lines.containsKey(k)) {
                String v = k.equals("static-auth-secret") ? Secret.of(first(values, k)).toString()
                        : String.join(", ", values.get(k));
                evidence.add(Evidence.at(BbbPaths.COTURN, lines.get(k), k + (v.isEmpty() ? "" : "=" + v)));
            } else {
                evidence.add(Evidence.file(BbbPaths.COTURN, AuditTexts.get("evidence.bbb.coturn-not-set", k)));
            }
        }
        facts.put("bbb.coturn", m, evidence);
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }
}
