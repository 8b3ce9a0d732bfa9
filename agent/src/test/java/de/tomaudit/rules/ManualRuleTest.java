package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Manual rules ({@code manual: true}): parsed without a condition, always status manual, covered by manual cases. */
class ManualRuleTest {

    static final String MANUAL = """
            id: demo.contract
            manual: true
            title: {en: Contract signed, de: Vertrag unterschrieben}
            question: {en: Is the contract signed?, de: Ist der Vertrag unterschrieben?}
            remediation: {en: Sign it, de: Unterschreiben}
            tom: {gdpr: [art28], kontrolle: [auftragskontrolle]}
            """;

    private static String error(String text) {
        return assertThrows(RuleFileException.class, () -> RuleParser.parse("m.yaml", text)).getMessage();
    }

    @Test
    void parsesWithoutConditionAndSeverityDefaultsToInfo() throws Exception {
        Rule r = RuleParser.parse("m.yaml", MANUAL);
        assertTrue(r.manual());
        assertEquals(Severity.INFO, r.severity());
        assertEquals("Ist der Vertrag unterschrieben?", r.question().orElseThrow().in("de"));
        assertFalse(RuleParser.parse("r.yaml", RuleParserTest.GOOD).manual());
    }

    @Test
    void aManualRuleJudgesNoFactsAndAQuestionNeedsManual() {
        String withCondition = error(MANUAL + "condition: demo.x == 1\n");
        assertTrue(withCondition.startsWith("m.yaml:7:") && withCondition.contains("'condition' is not allowed"), withCondition);
        assertTrue(error(MANUAL + "grades: []\n").contains("'grades' is not allowed"));
        assertTrue(error(MANUAL.replace("question: {en: Is the contract signed?, de: Ist der Vertrag unterschrieben?}\n", ""))
                .contains("'question'"));
        assertTrue(error(MANUAL.replace("manual: true", "manual: yes")).contains("manual must be true or false"));
        String stray = error(RuleParserTest.GOOD + "question: {en: a, de: b}\n");
        assertTrue(stray.contains("belongs to a manual rule"), stray);
        assertTrue(error(MANUAL.replace("de: Ist der Vertrag unterschrieben?", "de: ''")).contains("both languages"));
    }

    @Test
    void evaluatesToManualWhateverTheFacts() throws Exception {
        Rule r = RuleParser.parse("m.yaml", MANUAL);
        FactSet none = FactSet.builder().build();
        FactSet some = FactSet.builder().put("demo.x", 1L).error("demo.y", "collect", "broken").build();
        for (FactSet facts : List.of(none, some)) {
            Evaluation e = RuleEvaluator.evaluate(r, facts);
            assertEquals(Status.MANUAL, e.status());
            assertEquals("Is the contract signed?", e.reason());
            assertTrue(e.evidence().isEmpty());
        }
    }

    @Test
    void coverageOfAManualRuleIsACaseThatGivesManual() throws Exception {
        Rule r = RuleParser.parse("m.yaml", MANUAL);
        FactSet none = FactSet.builder().build();
        List<RuleCaseRunner.Outcome> without = RuleCaseRunner.run(List.of(r), List.of());
        assertEquals(1, without.size());
        assertFalse(without.get(0).ok());
        assertTrue(without.get(0).message().contains("needs at least one case that gives manual"), without.get(0).message());

        RuleCase manual = new RuleCase(r.id(), "asked", none, Status.MANUAL, Optional.empty(), "t.yaml:3");
        List<RuleCaseRunner.Outcome> with = RuleCaseRunner.run(List.of(r), List.of(manual));
        assertEquals(1, with.size(), "no pass/fail coverage is asked of a manual rule: " + with);
        assertTrue(with.get(0).ok());

        RuleCase wrong = new RuleCase(r.id(), "claims pass", none, Status.PASS, Optional.empty(), "t.yaml:5");
        RuleCaseRunner.Outcome o = RuleCaseRunner.run(List.of(r), List.of(manual, wrong)).get(1);
        assertFalse(o.ok());
        assertTrue(o.message().contains("expected pass, got manual"), o.message());
    }
}
