package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Processor;
import de.tomaudit.parse.xml.SafeXml;
import de.tomaudit.parse.xml.XmlNode;
import de.tomaudit.parse.xml.XmlRefused;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STUN and TURN servers bbb-web hands to every client ({@code turn-stun-servers.xml}, a Spring bean
 * file: the override in /etc/bigbluebutton replaces the packaged one). A host other than this server is
 * an external service that sees every participant's IP address (and relays the media for TURN): it goes
 * into the processors list (Art. 28, Art. 44 when outside the EU/EEA).
 */
final class TurnStunServers {
    private static final Pattern URL = Pattern.compile("^(stun|stuns|turn|turns):(?://)?\\[?([^\\]:?/]+)\\]?(?::(\\d+))?.*$",
            Pattern.CASE_INSENSITIVE);

    private TurnStunServers() { }

    static void read(Target target, Optional<String> ownHost, FactSet.Builder facts) {
        String file = BbbPaths.TURN_STUN_OVERRIDE;
        String text;
        try {
            text = target.read(file).text();
        } catch (TargetException e) {
            if (!e.isAbsence()) {
                facts.error("bbb.turn_stun", "read", e.getMessage());
                return;
            }
            file = BbbPaths.TURN_STUN_DEFAULTS;
            try {
                text = target.read(file).text();
            } catch (TargetException e2) {
                if (e2.isAbsence()) {
                    facts.notApplicable("bbb.turn_stun", "neither " + BbbPaths.TURN_STUN_OVERRIDE + " nor "
                            + BbbPaths.TURN_STUN_DEFAULTS + " exists");
                } else {
                    facts.error("bbb.turn_stun", "read", e2.getMessage());
                }
                return;
            }
        }
        XmlNode root;
        try {
            root = SafeXml.parse(file, text);
        } catch (XmlRefused e) {
            facts.error("bbb.turn_stun", "parse", e.getMessage());
            return;
        }
        List<Map<String, Object>> servers = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (XmlNode bean : root.descendants("bean")) {
            String cls = bean.attribute("class").orElse("");
            if (!cls.contains("StunServer") && !cls.contains("TurnServer")) {
                continue;
            }
            for (XmlNode arg : bean.children("constructor-arg")) {
                String v = arg.attribute("value").orElse(arg.text().strip());
                Matcher m = URL.matcher(v.strip());
                if (!m.matches()) {
                    continue; // the shared secret and the TTL of a TurnServer bean
                }
                String host = m.group(2).toLowerCase(Locale.ROOT);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("type", m.group(1).toLowerCase(Locale.ROOT));
                s.put("host", host);
                s.put("port", m.group(3) == null ? "" : m.group(3));
                boolean external = !FreeswitchConfig.loopback(host) && ownHost.map(h -> !h.equalsIgnoreCase(host)).orElse(true);
                s.put("external", external);
                s.put("source", file + ":" + arg.line());
                servers.add(s);
                evidence.add(Evidence.at(file, arg.line(), m.group(1).toLowerCase(Locale.ROOT) + " server " + host));
                if (external) {
                    ProcessorJurisdiction.Decision d = ProcessorJurisdiction.of(host);
                    facts.processor(new Processor(m.group(1).toLowerCase(Locale.ROOT).startsWith("turn")
                            ? "TURN relay for BigBlueButton media (sees participants' IP addresses and relays their audio/video)"
                            : "STUN server for BigBlueButton clients (sees participants' IP addresses)",
                            host, file + ":" + arg.line(), d.jurisdiction(), d.transfer()));
                }
            }
        }
        facts.put("bbb.turn_stun", servers, evidence.isEmpty() ? List.of(Evidence.file(file, AuditTexts.get("evidence.bbb.no-turn"))) : evidence);
    }

    /** The host of bbb-web's serverURL, to tell this server's own TURN from an external one. */
    static Optional<String> hostOf(String url) {
        try {
            return Optional.ofNullable(URI.create(url.strip()).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
