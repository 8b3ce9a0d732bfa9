package de.tomaudit.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Claims files: claims, or a PolicyFileException (exit 2 with one line); periods never overflow. */
class ClaimsFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void claims(byte[] input) {
        try {
            PolicyFile.parse("policy.yaml", new String(input, StandardCharsets.UTF_8));
        } catch (PolicyFileException e) {
            if (e.getMessage().contains("\n")) {
                throw new IllegalStateException("the refusal must be one line");
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void period(byte[] input) {
        Period.parse(new String(input, StandardCharsets.UTF_8)).ifPresent(p -> {
            if (!p.forever() && (p.seconds() < 0 || p.seconds() > Period.MAX_SECONDS)) {
                throw new IllegalStateException("period out of range");
            }
            p.toString();
        });
    }
}
