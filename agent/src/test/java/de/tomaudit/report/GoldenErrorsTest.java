package de.tomaudit.report;

import de.tomaudit.audit.ErrorInvariantsTest;
import de.tomaudit.result.AuditResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report fixtures keep the errors contract the audit keeps (ErrorInvariantsTest): they are what the goldens show. */
class GoldenErrorsTest {
    @Test
    void everyFixtureErrorSaysWhatItLeftUndecidedOnceEach() throws Exception {
        for (Map.Entry<String, AuditResult> e : GoldenResults.all().entrySet()) {
            ErrorInvariantsTest.assertOneErrorPerCause(JsonRenderer.mapper().readTree(JsonRenderer.mapper().writeValueAsString(e.getValue())));
        }
    }
}
