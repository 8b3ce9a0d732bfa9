package de.tomaudit.parse.lua;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A value a configuration raises (error(), assert()) may be a secret: the problem names file and line only. */
class LuaErrorRedactionTest {
    private static final String CANARY = "CanaryLuaS3cret";

    private static String problem(String config) {
        MapConfigSource source = new MapConfigSource().put("/etc/prosody/prosody.cfg.lua", config);
        ProsodyEvaluation e = new ProsodyConfigEvaluator(source).evaluate("/etc/prosody/prosody.cfg.lua");
        assertTrue(e.failure().isPresent(), "the evaluation fails");
        return e.failure().get().toString();
    }

    @Test
    void errorAndAssertValuesAreWithheld() {
        for (String config : new String[] {
                "local pw = \"" + CANARY + "\"\nerror(pw)\n",
                "error(\"" + CANARY + "\", 2)\n",
                "assert(false, \"" + CANARY + "\")\n",
                "error({ \"" + CANARY + "\" })\n"}) {
            String p = problem(config);
            assertFalse(p.contains(CANARY), p);
            assertTrue(p.contains("prosody.cfg.lua"), p);
        }
    }
}
