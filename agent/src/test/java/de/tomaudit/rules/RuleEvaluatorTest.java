package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.result.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static Rule rule(String extra) throws RuleFileException {
        return RuleParser.parse("t.yaml", RuleParserTest.GOOD + extra);
    }

    @Test
    void passFailAndGradedSeverityWithEvidence() throws Exception {
        Rule r = rule("");
        FactSet off = FactSet.builder().put("demo.thing", "off", Evidence.at("/etc/demo.conf", 3, "off"))
                .put("demo.exposed", false).build();
        Evaluation pass = RuleEvaluator.evaluate(r, off);
        assertEquals(Status.PASS, pass.status());
        assertEquals(List.of(new Evidence("/etc/demo.conf:3", "off")), pass.evidence());

        FactSet on = FactSet.builder().put("demo.thing", "on").put("demo.exposed", true).build();
        Evaluation fail = RuleEvaluator.evaluate(r, on);
        assertEquals(Status.FAIL, fail.status());
        assertEquals(Severity.CRITICAL, fail.severity());
        FactSet onInternal = FactSet.builder().put("demo.thing", "on").put("demo.exposed", false).build();
        assertEquals(Severity.HIGH, RuleEvaluator.evaluate(r, onInternal).severity());
    }

    @Test
    void aFactOfThousandsOfLinesShowsTheFirstHundredAndCountsTheRest() throws Exception {
        Rule r = rule("");
        Evidence[] lines = new Evidence[30_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = Evidence.at("/etc/demo.conf", i + 1, "on");
        }
        Evaluation fail = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "on", lines)
                .put("demo.exposed", true).build());
        assertEquals(Status.FAIL, fail.status());
        List<Evidence> shown = fail.evidence().stream().filter(e -> e.source().startsWith("/etc/demo.conf")).toList();
        assertEquals(RuleEvaluator.MAX_EVIDENCE_PER_FACT, shown.size());
        assertEquals("/etc/demo.conf:1", shown.get(0).source());
        assertTrue(fail.evidence().contains(new Evidence("fact: demo.thing", "29900 more lines not shown (of 30000)")),
                fail.evidence().toString());
    }

    @Test
    void aMissingFactIsNeverAPass() throws Exception {
        Rule r = rule("");
        Evaluation na = RuleEvaluator.evaluate(r, FactSet.builder().notApplicable("demo", "demo is not installed").build());
        assertEquals(Status.NOT_APPLICABLE, na.status());
        assertEquals("demo is not installed", na.reason());

        Evaluation err = RuleEvaluator.evaluate(r,
                FactSet.builder().error("demo.thing", "read", "/etc/demo.conf: permission denied").build());
        assertEquals(Status.ERROR, err.status());
        assertTrue(err.reason().contains("permission denied"));

        Evaluation unknown = RuleEvaluator.evaluate(r, FactSet.builder().build());
        assertEquals(Status.ERROR, unknown.status());
        assertTrue(unknown.reason().contains("no collector provides the fact 'demo.thing'"), unknown.reason());
    }

    @Test
    void whenFalseIsNotApplicableWithTheRulesReason() throws Exception {
        Rule r = rule("when: demo.installed\nnotApplicable: {en: demo not installed, de: demo nicht installiert}\n");
        Evaluation e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.installed", false).build());
        assertEquals(Status.NOT_APPLICABLE, e.status());
        assertEquals("demo not installed", e.reason());
    }

    @Test
    void aConditionThatThrowsIsAnErrorFindingNotACrash() throws Exception {
        Rule r = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "condition: t:days(demo.thing) > 1"));
        Evaluation e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "soon").build());
        assertEquals(Status.ERROR, e.status());
        assertTrue(e.reason().contains("not a duration"), e.reason());
        Rule notBool = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "condition: demo.thing"));
        assertEquals(Status.ERROR, RuleEvaluator.evaluate(notBool, FactSet.builder().put("demo.thing", "x").build()).status());
    }

    @Test
    void infoRulesFailWhenTheirConditionDoesNotHold() throws Exception {
        Rule r = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("severity: high", "severity: info"));
        Evaluation e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "on").build());
        assertEquals(Status.FAIL, e.status());
        assertEquals(Severity.INFO, e.severity());
        assertEquals(Status.PASS, RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "off").build()).status());
    }

    @Test
    void secretsAreJudgedByLengthAndHashNeverByText() throws Exception {
        Rule r = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "condition: demo.key.length >= 32 && demo.key.sha256 != '" + Secret.sha256Hex("changeme") + "'"));
        FactSet weak = FactSet.builder().put("demo.key", Secret.of("changeme"), Evidence.at("/etc/x", 1, Secret.of("changeme"))).build();
        Evaluation e = RuleEvaluator.evaluate(r, weak);
        assertEquals(Status.FAIL, e.status());
        assertTrue(e.evidence().get(0).value().startsWith("redacted (sha256:"), e.evidence().toString());
        assertTrue(e.evidence().stream().noneMatch(ev -> ev.value().contains("changeme")));
        FactSet strong = FactSet.builder().put("demo.key", Secret.of("x".repeat(20) + "abcdefghijklmnop")).build();
        assertEquals(Status.PASS, RuleEvaluator.evaluate(r, strong).status());
    }

    @Test
    void caseRunnerRequiresPassAndFailCases() throws Exception {
        Rule r = rule("");
        RuleCase onlyPass = new RuleCase("demo.thing", "off", FactSet.builder().put("demo.thing", "off")
                .put("demo.exposed", false).build(), Status.PASS, java.util.Optional.empty(), "c.yaml:1");
        List<RuleCaseRunner.Outcome> out = RuleCaseRunner.run(List.of(r), List.of(onlyPass));
        assertTrue(out.get(0).ok());
        assertTrue(out.stream().anyMatch(o -> !o.ok() && o.name().equals("coverage")), out.toString());
        RuleCase wrong = new RuleCase("demo.thing", "wrong expectation", FactSet.builder().put("demo.thing", "on")
                .put("demo.exposed", false).build(), Status.PASS, java.util.Optional.empty(), "c.yaml:9");
        RuleCaseRunner.Outcome o = RuleCaseRunner.run(List.of(r), List.of(wrong)).get(0);
        assertEquals(false, o.ok());
        assertTrue(o.message().contains("expected pass, got fail (high)"), o.message());
        assertEquals(Map.of(), Map.of());
    }

    @Test
    void optionalFactsAreNullWhenUnknownInsteadOfMakingTheRuleNotApplicable() throws Exception {
        Rule r = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "optional: [demo.live]\ncondition: demo.thing == 'off' && (demo.live == null || demo.live.required)"));
        FactSet configOnly = FactSet.builder().put("demo.thing", "off")
                .notApplicable("demo.live", "no network probes on a dir: target").build();
        assertEquals(Status.PASS, RuleEvaluator.evaluate(r, configOnly).status());
        FactSet liveSaysNo = FactSet.builder().put("demo.thing", "off").put("demo.live", Map.of("required", false)).build();
        assertEquals(Status.FAIL, RuleEvaluator.evaluate(r, liveSaysNo).status());
        FactSet configMissing = FactSet.builder().error("demo.thing", "read", "denied").put("demo.live", Map.of("required", true)).build();
        assertEquals(Status.ERROR, RuleEvaluator.evaluate(r, configMissing).status());
    }

    @Test
    void aFailureOnTheDataSeenStandsWhenAProbeWasIncompleteButAPassDoesNot() throws Exception {
        Rule r = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "passRequires: [demo.complete]\ncondition: t:none(demo.endpoints, e -> e.legacy)"));
        FactSet oneBadOneUnprobed = FactSet.builder().put("demo.endpoints", List.of(Map.of("legacy", true)))
                .error("demo.complete", "probe", "127.0.0.1:5223: connection reset").put("demo.exposed", false).build();
        assertEquals(Status.FAIL, RuleEvaluator.evaluate(r, oneBadOneUnprobed).status());
        FactSet goodButIncomplete = FactSet.builder().put("demo.endpoints", List.of(Map.of("legacy", false)))
                .error("demo.complete", "probe", "127.0.0.1:5223: connection reset").build();
        Evaluation e = RuleEvaluator.evaluate(r, goodButIncomplete);
        assertEquals(Status.ERROR, e.status());
        assertTrue(e.reason().contains("connection reset"), e.reason());
        FactSet goodAndComplete = FactSet.builder().put("demo.endpoints", List.of(Map.of("legacy", false)))
                .put("demo.complete", true).build();
        assertEquals(Status.PASS, RuleEvaluator.evaluate(r, goodAndComplete).status());
    }

    @Test
    void aFailureSaysWhyInWordsFromTheFirstWhyThatHoldsAndPutsItsEvidenceFirst() throws Exception {
        Rule r = rule("""
                evidence: [demo.exposed, demo.thing]
                why:
                  - when: "demo.thing == 'loud'"
                    en: "thing is {demo.thing} and {demo.nothere}"
                    de: "Ding ist {demo.thing} und {demo.nothere}"
                  - when: "demo.thing == 'loud'"
                    en: "thing is {demo.thing}; it must be off"
                    de: "Ding ist {demo.thing}; es muss aus sein"
                  - en: "thing is {t:lower(demo.thing)}"
                    de: "Ding ist {t:lower(demo.thing)}"
                """);
        FactSet facts = FactSet.builder().put("demo.thing", "loud", Evidence.at("/etc/thing", 7, "loud"))
                .put("demo.exposed", false, Evidence.at("/etc/exposed", 2, "no")).build();
        Evaluation e = RuleEvaluator.evaluate(r, facts);
        assertEquals(Status.FAIL, e.status());
        assertEquals("thing is loud; it must be off", e.why().en(), "a why naming an unknown fact is skipped");
        assertEquals("Ding ist loud; es muss aus sein", e.why().de());
        assertEquals("/etc/thing:7", e.evidence().get(0).source(), "the deciding fact's evidence comes first");
        Evaluation other = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "ON").put("demo.exposed", false).build());
        assertEquals("thing is on", other.why().en());
        assertEquals("", RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "off").put("demo.exposed", false).build())
                .why().en(), "a pass has no why-line");
    }

    @Test
    void withoutAWhyThePartOfTheConditionThatFailedIsNamedAndErrorsSayTheirCause() throws Exception {
        Rule two = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "condition: \"demo.a == 'x && y' && (demo.b || demo.c) && size(demo.list) == 0\""));
        assertEquals("demo.b is false, demo.c is false", RuleEvaluator.evaluate(two, FactSet.builder().put("demo.a", "x && y")
                .put("demo.b", false).put("demo.c", false).put("demo.list", List.of()).build()).why().en());
        assertEquals("demo.list is not empty (1 entry): z", RuleEvaluator.evaluate(two, FactSet.builder()
                .put("demo.a", "x && y").put("demo.b", true).put("demo.c", false).put("demo.list", List.of("z")).build()).why().en());
        Rule r = rule("");
        Evaluation e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", "on").build());
        assertEquals("demo.thing is on", e.why().en());
        assertEquals("demo.thing ist on", e.why().de());
        Evaluation err = RuleEvaluator.evaluate(r, FactSet.builder().error("demo", "parse", "/etc/thing:3: bad line").build());
        assertEquals(Status.ERROR, err.status());
        assertTrue(err.why().en().contains("/etc/thing:3: bad line"), err.why().en());
    }

    @Test
    void withoutAWhyAQuantifiedListPartNamesTheEntriesThatDecideItNeverTheExpression() throws Exception {
        java.util.function.Function<String, Rule> withCondition = c -> {
            try {
                return RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'", "condition: \"" + c + "\""));
            } catch (RuleFileException e) {
                throw new IllegalStateException(e);
            }
        };
        List<Object> suites = new java.util.ArrayList<>();
        for (String name : List.of("AES_GCM", "RC4_A", "DES_B", "RC4_C", "NULL_D", "NULL_E")) {
            suites.add(java.util.Map.of("suite", name, "weak", !name.startsWith("AES"), "endpoint", "127.0.0.1:443"));
        }
        FactSet facts = FactSet.builder().put("demo.suites", suites)
                .put("demo.jobs", List.of(java.util.Map.of("name", "nightly", "ok", false), java.util.Map.of("name", "hourly", "ok", true)))
                .put("demo.overrides", List.of(java.util.Map.of("keyword", "permitrootlogin", "value", "yes"))).build();
        Evaluation none = RuleEvaluator.evaluate(withCondition.apply("t:none(demo.suites, s -> s.weak || s.suite == 'x')"), facts);
        assertEquals("demo.suites: 5 of 6 entries not compliant: RC4_A (127.0.0.1:443), DES_B (127.0.0.1:443), RC4_C (127.0.0.1:443) and 2 more",
                none.why().en());
        assertEquals("demo.suites: 5 von 6 Einträgen nicht konform: RC4_A (127.0.0.1:443), DES_B (127.0.0.1:443), RC4_C (127.0.0.1:443) und 2 weitere",
                none.why().de());
        Evaluation all = RuleEvaluator.evaluate(withCondition.apply("demo.suites != null && t:all(demo.jobs, j -> j.ok)"), facts);
        assertEquals("demo.jobs: 1 of 2 entries not compliant: nightly", all.why().en());
        assertEquals("demo.jobs: 1 von 2 Einträgen nicht konform: nightly", all.why().de());
        Evaluation inside = RuleEvaluator.evaluate(withCondition.apply(
                "demo.suites == null || (t:all(demo.overrides, m -> m.value == 'yes') && t:all(demo.jobs, j -> j.ok))"), facts);
        assertTrue(inside.why().en().contains("demo.jobs: 1 of 2 entries not compliant: nightly")
                && !inside.why().en().contains("demo.overrides"), "the quantifier that holds is not named: " + inside.why().en());
        Evaluation any = RuleEvaluator.evaluate(withCondition.apply("t:any(demo.overrides, m -> m.value == 'no')"), facts);
        assertEquals("demo.overrides: its only entry does not qualify: permitrootlogin yes", any.why().en());
        assertEquals("demo.overrides: der einzige Eintrag genügt nicht: permitrootlogin yes", any.why().de());
        Evaluation empty = RuleEvaluator.evaluate(withCondition.apply("size(demo.list) > 0"), FactSet.builder().put("demo.list", List.of()).build());
        assertEquals("demo.list is empty", empty.why().en());
        assertEquals("demo.list ist leer", empty.why().de());
        Evaluation other = RuleEvaluator.evaluate(withCondition.apply("t:count(demo.suites, s -> s.weak) < 2"), facts);
        assertEquals("demo.suites (6 entries) not as required", other.why().en());
        for (Evaluation e : List.of(none, all, inside, any, empty, other)) {
            assertTrue(!WhyInWordsTest.EXPRESSION.matcher(e.why().en()).find() && !WhyInWordsTest.EXPRESSION.matcher(e.why().de()).find(),
                    e.why().en() + " / " + e.why().de());
        }
    }

    @Test
    void aWhyValueIsKeptWholeForTheResult() throws Exception {
        String longValue = "x".repeat(500);
        Rule r = rule("why: {en: \"thing is {demo.thing}\", de: \"Ding ist {demo.thing}\"}\n");
        Evaluation e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.thing", longValue).build());
        assertEquals("thing is " + longValue, e.why().en());
    }

    @Test
    void withoutAWhyAPlainFieldOfAMapFactIsSaidInWordsNotAsTheExpression() throws Exception {
        Rule r = RuleParser.parse("t.yaml", RuleParserTest.GOOD.replace("condition: demo.thing == 'off'",
                "condition: \"demo.map.tls == true && (demo.map.port == null || demo.map.port != '') && demo.map.hosts == null\""));
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("tls", false);
        m.put("port", "");
        m.put("hosts", List.of());
        Evaluation e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.map", m).build());
        assertEquals("demo.map.tls is false", e.why().en());
        assertEquals("demo.map.tls ist false", e.why().de());
        m.put("tls", true);
        e = RuleEvaluator.evaluate(r, FactSet.builder().put("demo.map", m).build());
        assertEquals("demo.map.port is empty", e.why().en(), "the map itself is not named when a field of it is");
        assertEquals("demo.map.port ist leer", e.why().de());
        m.put("port", "5222");
        assertEquals("demo.map.hosts ist leer", RuleEvaluator.evaluate(r, FactSet.builder().put("demo.map", m).build()).why().de());
    }

    @Test
    void aBrokenWhyTemplateIsARuleFileErrorWithItsLine() {
        RuleFileException e = org.junit.jupiter.api.Assertions.assertThrows(RuleFileException.class,
                () -> rule("why: {en: \"thing is {demo.thing\", de: \"x\"}\n"));
        assertTrue(e.getMessage().contains("t.yaml:") && e.getMessage().contains("unclosed"), e.getMessage());
    }
}
