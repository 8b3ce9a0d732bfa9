package de.tomaudit.parse.lua;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Prosody's Lua config in the sandbox: an evaluation or a problem with file and line, within the budgets. */
class ProsodyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void prosodyConfig(byte[] input) {
        MapConfigSource source = new MapConfigSource().put("/etc/prosody/prosody.cfg.lua",
                new String(input, StandardCharsets.UTF_8));
        ProsodyEvaluation e = new ProsodyConfigEvaluator(source).evaluate("/etc/prosody/prosody.cfg.lua");
        e.failure().ifPresent(p -> {
            if (p.file() == null || p.file().isEmpty()) {
                throw new IllegalStateException("a problem without a file");
            }
        });
    }
}
