package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleParserTest {

    static final String GOOD = """
            id: demo.thing
            severity: high
            title: {en: Thing is off, de: Ding ist aus}
            remediation: {en: Turn it off, de: Ausschalten}
            tom: {gdpr: [art32-1a], kontrolle: [zugangskontrolle]}
            refs: [man thing]
            assumes: thing defaults to on
            condition: demo.thing == 'off'
            grades:
              - when: "demo.exposed"
                severity: critical
            """;

    @Test
    void parsesAllFields() throws Exception {
        Rule r = RuleParser.parse("demo/thing.yaml", GOOD);
        assertEquals("demo.thing", r.id());
        assertEquals("demo", r.pack());
        assertEquals(Severity.HIGH, r.severity());
        assertEquals("Ding ist aus", r.title().in("de"));
        assertEquals(java.util.List.of("art32-1a"), r.tom().gdpr());
        assertEquals(Severity.CRITICAL, r.grades().get(0).severity());
        assertEquals("demo/thing.yaml:1", r.source());
    }

    private static String error(String text) {
        return assertThrows(RuleFileException.class, () -> RuleParser.parse("r.yaml", text)).getMessage();
    }

    @Test
    void unknownTomTagNamesFileAndLine() {
        String msg = error(GOOD.replace("zugangskontrolle", "zugangskontrole"));
        assertTrue(msg.startsWith("r.yaml:5:"), msg);
        assertTrue(msg.contains("zugangskontrole"), msg);
    }

    @Test
    void conditionThatDoesNotCompileNamesItsLine() {
        String msg = error(GOOD.replace("condition: demo.thing == 'off'", "condition: demo.thing == == 'off'"));
        assertTrue(msg.startsWith("r.yaml:8:"), msg);
        assertTrue(msg.contains("does not compile"), msg);
    }

    @Test
    void missingLanguageUnknownKeyBadSeverityBadYaml() {
        assertTrue(error(GOOD.replace(", de: Ding ist aus", "")).contains("r.yaml:3: needs both 'en' and 'de'"));
        assertTrue(error(GOOD + "colour: red\n").contains("unknown key 'colour'"));
        assertTrue(error(GOOD.replace("severity: high", "severity: urgent")).startsWith("r.yaml:2:"));
        assertTrue(error("id: [unclosed\n").contains("not valid YAML"));
        assertTrue(error("").contains("empty rule file"));
        assertTrue(error(GOOD.replace("id: demo.thing", "id: Demo Thing")).contains("must look like pack.name"));
    }

    @Test
    void aLoopInAConditionIsRefused() {
        assertTrue(error(GOOD.replace("condition: demo.thing == 'off'", "condition: \"while(true) {}\""))
                .contains("does not compile"));
    }
}
