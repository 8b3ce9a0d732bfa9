package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.parse.xml.SafeXml;
import de.tomaudit.parse.xml.XmlNode;
import de.tomaudit.parse.xml.XmlRefused;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FreeSWITCH as BigBlueButton installs it: the event socket ({@code event_socket.conf.xml}: listen-ip,
 * listen-port, password) and the external SIP profile ({@code sip_profiles/external.xml}: sip-ip,
 * sip-port, TLS), with {@code $${var}} taken from {@code vars.xml}. Read with {@link SafeXml}: a file with
 * a DOCTYPE or entities is refused, never expanded.
 */
final class FreeswitchConfig {
    private static final Pattern PRE_VAR = Pattern.compile("\\$\\$\\{([A-Za-z0-9_]+)}");

    private FreeswitchConfig() { }

    static Optional<String> confDir(Target target) {
        for (String d : BbbPaths.FREESWITCH_CONF) {
            try {
                if (target.exists(d + BbbPaths.ESL) || target.exists(d + BbbPaths.SIP_EXTERNAL)) {
                    return Optional.of(d);
                }
            } catch (TargetException e) {
                // try the next place
            }
        }
        return Optional.empty();
    }

    static void read(Target target, FactSet.Builder facts) {
        Optional<String> dir = confDir(target);
        if (dir.isEmpty()) {
            facts.notApplicable("bbb.freeswitch", AuditTexts.get("na.bbb.no-freeswitch", String.join(", ", BbbPaths.FREESWITCH_CONF)));
            return;
        }
        Map<String, String> vars = vars(target, dir.get() + BbbPaths.FS_VARS, facts);
        esl(target, dir.get() + BbbPaths.ESL, vars, facts);
        sip(target, dir.get() + BbbPaths.SIP_EXTERNAL, vars, facts);
    }

    private static Optional<XmlNode> parse(Target target, String file, String key, FactSet.Builder facts) {
        try {
            return Optional.of(SafeXml.parse(file, target.read(file).text()));
        } catch (TargetException e) {
            if (e.isAbsence()) {
                facts.notApplicable(key, AuditTexts.get("evidence.host.does-not-exist", file));
            } else {
                facts.error(key, "read", e.getMessage());
            }
        } catch (XmlRefused e) {
            facts.error(key, "parse", e.getMessage());
        }
        return Optional.empty();
    }

    /** {@code <X-PRE-PROCESS cmd="set" data="name=value"/>} of vars.xml. */
    private static Map<String, String> vars(Target target, String file, FactSet.Builder facts) {
        Map<String, String> out = new HashMap<>();
        parse(target, file, "bbb.freeswitch.vars", facts).ifPresent(root -> {
            for (XmlNode n : root.descendants("X-PRE-PROCESS")) {
                String data = n.attribute("data").orElse("");
                int eq = data.indexOf('=');
                if ("set".equals(n.attribute("cmd").orElse("")) && eq > 0) {
                    out.put(data.substring(0, eq).strip(), data.substring(eq + 1).strip());
                }
            }
        });
        return out;
    }

    private record Param(String value, int line) { }

    private static Map<String, Param> params(XmlNode root, Map<String, String> vars) {
        Map<String, Param> out = new LinkedHashMap<>();
        for (XmlNode settings : root.descendants("settings")) {
            for (XmlNode p : settings.children("param")) {
                p.attribute("name").ifPresent(n -> out.put(n, new Param(expand(p.attribute("value").orElse(""), vars), p.line())));
            }
        }
        return out;
    }

    static String expand(String value, Map<String, String> vars) {
        Matcher m = PRE_VAR.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static void esl(Target target, String file, Map<String, String> vars, FactSet.Builder facts) {
        Optional<XmlNode> root = parse(target, file, "bbb.freeswitch.esl", facts);
        if (root.isEmpty()) {
            return;
        }
        Map<String, Param> p = params(root.get(), vars);
        Param ip = p.getOrDefault("listen-ip", new Param("127.0.0.1", 0));
        Param port = p.getOrDefault("listen-port", new Param("8021", 0));
        Param password = p.getOrDefault("password", new Param("ClueCon", 0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listen_ip", ip.value());
        m.put("listen_port", port.value());
        m.put("loopback", loopback(ip.value()));
        m.put("password", Secret.of(password.value()));
        m.put("acl", p.containsKey("apply-inbound-acl") ? p.get("apply-inbound-acl").value() : "");
        facts.put("bbb.freeswitch.esl", m, List.of(
                Evidence.at(file, ip.line(), "listen-ip " + ip.value()),
                Evidence.at(file, port.line(), "listen-port " + port.value()),
                Evidence.at(file, password.line(), "password " + Secret.of(password.value()))));
    }

    private static void sip(Target target, String file, Map<String, String> vars, FactSet.Builder facts) {
        Optional<XmlNode> root = parse(target, file, "bbb.freeswitch.sip_external", facts);
        if (root.isEmpty()) {
            return;
        }
        Map<String, Param> p = params(root.get(), vars);
        Param ip = p.getOrDefault("sip-ip", new Param("$${local_ip_v4}", 0));
        Param port = p.getOrDefault("sip-port", new Param("5060", 0));
        Param tls = p.getOrDefault("tls", new Param("false", 0));
        Param tlsOnly = p.getOrDefault("tls-only", new Param("false", 0));
        String ipValue = ip.value().contains("$${local_ip_v4}") ? AuditTexts.get("evidence.bbb.primary-address", "") : ip.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sip_ip", ipValue);
        m.put("sip_port", port.value());
        m.put("loopback", loopback(ip.value()));
        m.put("tls", "true".equalsIgnoreCase(tls.value()));
        m.put("tls_only", "true".equalsIgnoreCase(tlsOnly.value()));
        m.put("unencrypted_reachable", !loopback(ip.value()) && !"true".equalsIgnoreCase(tlsOnly.value()));
        facts.put("bbb.freeswitch.sip_external", m, List.of(
                Evidence.at(file, ip.line(), "sip-ip " + ipValue),
                Evidence.at(file, port.line(), AuditTexts.get("evidence.bbb.sip-port", port.value())),
                Evidence.at(file, tls.line(), "tls " + tls.value()),
                Evidence.at(file, tlsOnly.line(), "tls-only " + tlsOnly.value())));
    }

    static boolean loopback(String ip) {
        String s = ip.strip();
        return s.startsWith("127.") || s.equals("::1") || s.equals("localhost") || s.equals("[::1]");
    }
}
