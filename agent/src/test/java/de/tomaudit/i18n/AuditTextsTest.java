package de.tomaudit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.report.EvidenceInvariantTestAccess;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Collector evidence texts in the audit's language (issue 12, point 7), English where none was set. */
class AuditTextsTest {

    @Test
    void theAuditsLanguageHoldsForTheWorkAndIsRestoredAfter() throws Exception {
        assertEquals("kein Paketfilter konfiguriert", AuditTexts.with("de", () -> AuditTexts.get("evidence.firewall-none")));
        assertEquals("no packet filter configured", AuditTexts.get("evidence.firewall-none"), "restored: English");
        // a pool thread that never had a language set writes English
        assertEquals("no packet filter configured",
                CompletableFuture.supplyAsync(() -> AuditTexts.get("evidence.firewall-none")).get());
    }

    @Test
    void aGermanAuditWritesGermanCollectorEvidenceAndAnEnglishOneEnglish() throws Exception {
        String de = EvidenceInvariantTestAccess.evidenceText("weak", "de");
        String en = EvidenceInvariantTestAccess.evidenceText("weak", "en");
        assertTrue(de.contains("kein Paketfilter konfiguriert") && de.contains("chat.example.org: mod_mam aktiviert"), de);
        assertTrue(en.contains("no packet filter configured") && en.contains("chat.example.org: mod_mam enabled"), en);
    }
}
