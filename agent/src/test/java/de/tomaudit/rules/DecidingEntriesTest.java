package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failed finding's first evidence lines are those of the entries that made it fail: the console shows
 * only three, and they must not be the lines of the listener that passes while the why names another.
 */
class DecidingEntriesTest {
    private static final String HEAD = """
            id: demo.listeners
            severity: high
            title: {en: Listeners are strict, de: Listener sind streng}
            remediation: {en: Make them strict, de: Streng machen}
            tom: {gdpr: [art32-1a], kontrolle: [zugangskontrolle]}
            refs: [man demo]
            assumes: demo
            evidence: [demo.listeners]
            """;

    /** Two listeners, the one on 5222 first in the file and strict, the one on 5443 after it and not. */
    private static FactSet listeners() {
        return FactSet.builder().put("demo.listeners", List.of(
                        Map.of("port", 5222L, "strict", true, "source", "/etc/demo.yml:9"),
                        Map.of("port", 5443L, "strict", false, "source", "/etc/demo.yml:20")),
                List.of(Evidence.at("/etc/demo.yml", 9, "port 5222"),
                        new Evidence("/etc/demo.yml:12", "protocol_options: no_tlsv1"),
                        new Evidence("default: protocol_options", "strict for 5222"),
                        Evidence.at("/etc/demo.yml", 20, "port 5443"),
                        new Evidence("default: protocol_options", "none for 5443"))).build();
    }

    @Test
    void theWhyDecidesWhichEntriesComeFirst() throws Exception {
        Rule r = RuleParser.parse("demo/listeners.yaml", HEAD + """
                condition: t:all(demo.listeners, l -> l.strict)
                why:
                  - when: "t:any(demo.listeners, l -> !l.strict)"
                    en: "the listener on port {t:map(t:filter(demo.listeners, l -> !l.strict), l -> l.port)} is not strict"
                    de: "der Listener auf Port {t:map(t:filter(demo.listeners, l -> !l.strict), l -> l.port)} ist nicht streng"
                """);
        Evaluation e = RuleEvaluator.evaluate(r, listeners());
        assertEquals(Status.FAIL, e.status());
        assertEquals("the listener on port 5443 is not strict", e.why().en());
        assertEquals(List.of("/etc/demo.yml:20", "default: protocol_options", "/etc/demo.yml:9", "/etc/demo.yml:12",
                "default: protocol_options"), e.evidence().stream().map(Evidence::source).toList());
        assertEquals("none for 5443", e.evidence().get(1).value());
    }

    @Test
    void withoutAWhyTheConditionDecides() throws Exception {
        Rule all = RuleParser.parse("demo/listeners.yaml", HEAD + "condition: t:all(demo.listeners, l -> l.strict)\n");
        assertEquals("/etc/demo.yml:20", RuleEvaluator.evaluate(all, listeners()).evidence().get(0).source());
        Rule none = RuleParser.parse("demo/listeners.yaml", HEAD + "condition: t:none(demo.listeners, l -> !l.strict)\n");
        assertEquals("/etc/demo.yml:20", RuleEvaluator.evaluate(none, listeners()).evidence().get(0).source());
    }

    @Test
    void linesAreOnlyMovedNeverDropped() throws Exception {
        Rule r = RuleParser.parse("demo/listeners.yaml", HEAD + "condition: t:all(demo.listeners, l -> l.strict)\n");
        List<Evidence> shown = RuleEvaluator.evaluate(r, listeners()).evidence();
        List<Evidence> all = listeners().get("demo.listeners").orElseThrow().evidence();
        assertEquals(all.size(), shown.size());
        assertEquals(new java.util.HashSet<>(all), new java.util.HashSet<>(shown));
        // a passing rule keeps the collector's order
        Rule pass = RuleParser.parse("demo/listeners.yaml", HEAD + "condition: t:any(demo.listeners, l -> l.strict)\n");
        assertEquals(all, RuleEvaluator.evaluate(pass, listeners()).evidence());
    }

    @Test
    void ofTheDecidingEntrysLinesThoseNamingTheFieldReadComeFirst() throws Exception {
        FactSet facts = FactSet.builder().put("demo.listeners", List.of(
                        Map.of("port", 5222L, "protocol_options", List.of("no_tlsv1"), "source", "/etc/demo.yml:9"),
                        Map.of("port", 5443L, "protocol_options", List.of(), "source", "/etc/demo.yml:20")),
                List.of(Evidence.at("/etc/demo.yml", 9, "port 5222"),
                        Evidence.at("/etc/demo.yml", 12, "protocol_options: no_tlsv1"),
                        Evidence.at("/etc/demo.yml", 20, "port 5443"),
                        Evidence.at("/etc/demo.yml", 21, "tls: true"),
                        new Evidence("default: ejabberd", "protocol_options (default) of 5443"))).build();
        Rule r = RuleParser.parse("demo/listeners.yaml", HEAD
                + "condition: t:all(demo.listeners, l -> t:contains(l.protocol_options, 'no_tlsv1'))\n");
        assertEquals(List.of("default: ejabberd", "/etc/demo.yml:20", "/etc/demo.yml:21", "/etc/demo.yml:9", "/etc/demo.yml:12"),
                RuleEvaluator.evaluate(r, facts).evidence().stream().map(Evidence::source).toList());
    }

    @Test
    void sshRootLoginShowsOnlyTheMatchBlocksThatSetItWithTheirEffectiveCheck() throws Exception {
        Rule r = RuleLoader.load(List.of(), pack -> pack.equals("host")).stream()
                .filter(x -> x.id().equals("host.ssh-root-login")).findFirst().orElseThrow();
        FactSet facts = FactSet.builder()
                .put("sshd.installed", true)
                .put("sshd.permitrootlogin", "no", Evidence.at("/etc/ssh/sshd_config", 3, "PermitRootLogin no"))
                .put("sshd.match_overrides", List.of(
                        Map.of("keyword", "kbdinteractiveauthentication", "value", "yes", "source", "/etc/ssh/sshd_config:30"),
                        Map.of("keyword", "permitrootlogin", "value", "yes", "source", "/etc/ssh/sshd_config:40")),
                        List.of(Evidence.at("/etc/ssh/sshd_config", 30, "Match User alice: KbdInteractiveAuthentication yes"),
                                Evidence.command("sshd -T -C user=alice", "kbdinteractiveauthentication yes"),
                                Evidence.at("/etc/ssh/sshd_config", 40, "Match Address 192.0.2.0/24: PermitRootLogin yes"),
                                Evidence.command("sshd -T -C addr=192.0.2.1", "permitrootlogin yes"))).build();
        Evaluation e = RuleEvaluator.evaluate(r, facts);
        assertEquals(Status.FAIL, e.status());
        List<String> sources = e.evidence().stream().map(Evidence::source).toList();
        // alice's block sets keyboard-interactive login, not root's: neither it nor its effective check is evidence here
        assertEquals(java.util.Set.of("/etc/ssh/sshd_config:3", "/etc/ssh/sshd_config:40", "command: sshd -T -C addr=192.0.2.1"),
                new java.util.HashSet<>(sources));
        assertEquals(3, sources.size());
    }

    @Test
    void findsTheCallsInTemplatesAndConditions() {
        List<DecidingEntries.Call> calls = DecidingEntries.calls(
                "port {t:map(t:filter(ejabberd.listeners, l -> l.offers_tls && !(t:contains(l.protocol_options, 'no_tlsv1'))), l -> l.port)}");
        assertEquals(List.of(new DecidingEntries.Call("filter", "ejabberd.listeners",
                "l -> l.offers_tls && !(t:contains(l.protocol_options, 'no_tlsv1'))")), calls);
        assertEquals(List.of(), DecidingEntries.calls("t:all(t:filter(x, l -> l.a), l -> l.b)").stream()
                .filter(c -> c.kind().equals("all")).toList());
        assertEquals(List.of(), DecidingEntries.calls("t:none(a.b, x -> x == ')'"));
    }
}
