package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static Object eval(String expr, Map<String, Object> vars) {
        return Conditions.evaluate(Conditions.compile(expr), vars);
    }

    @Test
    void dottedFactKeysAreVariables() {
        assertEquals(true, eval("sshd.passwordauthentication == 'no'", Map.of("sshd.passwordauthentication", "no")));
        assertEquals(false, eval("sshd.passwordauthentication == 'no'", Map.of("sshd.passwordauthentication", "yes")));
    }

    @Test
    void referencesListEveryDottedName() {
        Condition c = Conditions.compile("a.b == 'x' && t:any(c.d, h -> h.method == 'trust' && e.f)");
        assertTrue(c.references().containsAll(List.of("a.b", "c.d", "e.f")), c.references().toString());
        assertTrue(c.references().stream().noneMatch(r -> r.startsWith("h")), c.references().toString());
    }

    @Test
    void quantifiersTakeLambdasOverListsOfMaps() {
        Map<String, Object> vars = Map.of("pg.hba", List.of(
                Map.of("method", "scram-sha-256", "loopback", true),
                Map.of("method", "trust", "loopback", false)));
        assertEquals(true, eval("t:any(pg.hba, h -> h.method == 'trust' && !h.loopback)", vars));
        assertEquals(false, eval("t:all(pg.hba, h -> h.method == 'scram-sha-256')", vars));
        assertEquals(1L, eval("t:count(pg.hba, h -> h.loopback)", vars));
        assertEquals(true, eval("t:all(none.yet, x -> false)", Map.of("none.yet", List.of())));
    }

    @Test
    void lambdasCanReadFacts() {
        Map<String, Object> vars = Map.of("logs", List.of(Map.of("days", 14L)), "limit.days", 7L);
        assertEquals(false, eval("t:all(logs, l -> l.days <= limit.days)", vars));
    }

    @Test
    void membershipRegexAndSizes() {
        Map<String, Object> vars = Map.of("x.mode", "prohibit-password", "x.list", List.of("a", "b"));
        assertEquals(true, eval("x.mode =~ ['no', 'prohibit-password', 'forced-commands-only']", vars));
        assertEquals(true, eval("x.mode =~ 'prohibit-.*'", vars));
        assertEquals(true, eval("size(x.list) == 2 && !empty(x.list)", vars));
    }

    @Test
    void durationsInDays() {
        assertEquals(7.0, eval("t:days('P7D')", Map.of()));
        assertEquals(14.0, eval("t:days('2w')", Map.of()));
        assertEquals(365.0, eval("t:days(31536000)", Map.of()));
        assertEquals(0.5, eval("t:days('PT12H')", Map.of()));
    }

    @Test
    void theSandboxRefusesLoopsAssignmentsAndJavaAccess() {
        assertThrows(IllegalArgumentException.class, () -> Conditions.compile("while (true) { 1 }"));
        assertThrows(IllegalArgumentException.class, () -> Conditions.compile("x = 1"));
        assertThrows(IllegalArgumentException.class, () -> Conditions.compile("new('java.io.File', '/etc/passwd')"));
        assertThrows(IllegalArgumentException.class,
                () -> eval("''.getClass().forName('java.lang.Runtime')", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> eval("x.getClass().getClassLoader()", Map.of("x", "s")));
    }

    @Test
    void anUnknownVariableIsAnErrorNotFalse() {
        assertThrows(IllegalArgumentException.class, () -> eval("nothere.x == 1", Map.of()));
    }

    @Test
    void aBooleanNeverEqualsAString() {
        Map<String, Object> vars = Map.of("b.encrypted", "unknown", "b.on", true);
        assertEquals(false, eval("b.encrypted == true", vars));
        assertEquals(true, eval("b.encrypted != true", vars));
        assertEquals(true, eval("b.on == true", vars));
        assertEquals(true, eval("b.encrypted == 'unknown'", vars));
        assertEquals(true, eval("22 == '22'", Map.of()));
    }

    @Test
    void aConditionThatDoesNotCompileSaysWhereInTheExpressionNeverInJava() {
        for (String bad : List.of("1 +", "x == == 1", "t:all(a, b ->")) {
            String m = assertThrows(IllegalArgumentException.class, () -> Conditions.compile(bad)).getMessage();
            assertTrue(!m.contains("de.tomaudit") && !m.contains("org.apache") && !m.contains(".java"), bad + ": " + m);
            assertTrue(m.startsWith("at 1:"), bad + ": " + m);
        }
        String undefined = assertThrows(IllegalArgumentException.class,
                () -> Conditions.evaluate(Conditions.compile("a.b == 1"), Map.of())).getMessage();
        assertTrue(!undefined.contains("de.tomaudit") && !undefined.contains("org.apache"), undefined);
    }
}
