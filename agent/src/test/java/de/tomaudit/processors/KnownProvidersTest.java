package de.tomaudit.processors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownProvidersTest {

    @Test
    void knownHostsBySuffixAndTheirTransfer() {
        Classification mg = KnownProviders.classify("smtp.eu.mailgun.org");
        assertEquals("US", mg.jurisdiction());
        assertEquals("third country (Art. 44)", mg.transfer());
        Classification deepl = KnownProviders.classify("API-FREE.deepl.com.");
        assertEquals("DE", deepl.jurisdiction());
        assertEquals("EU/EEA", deepl.transfer());
        assertFalse(deepl.source().isBlank());
    }

    @Test
    void aSuffixMatchesWholeLabelsOnly() {
        assertEquals("unknown", KnownProviders.classify("notmailgun.org").jurisdiction());
        assertEquals(Classification.UNKNOWN_TRANSFER, KnownProviders.classify("mail.example.org").transfer());
    }

    @Test
    void localAndPrivateHostsAreNoProcessor() {
        for (String h : List.of("localhost", "127.0.0.1", "::1", "10.1.2.3", "192.168.0.5", "db", "/var/run/postgresql", "fd00::1")) {
            assertTrue(KnownProviders.classify(h).local(), h);
        }
        assertFalse(KnownProviders.classify("8.8.8.8").local());
    }

    /** Every entry of the table classifies itself, with a source and an ISO country code. */
    @Test
    void everyEntryIsComplete() {
        KnownProviders table = KnownProviders.load();
        assertTrue(KnownProviders.size() >= 30);
        for (String host : List.of("api.deepl.com", "s3.eu-central-1.amazonaws.com", "fsn1.your-objectstorage.com")) {
            Classification c = table.lookup(host);
            assertTrue(c.jurisdiction().matches("[A-Z]{2}"), host);
            assertTrue(c.source().startsWith("https://"), host);
        }
    }

    /** Each entry says when it was verified against its source, or "no" where no public source confirmed it. */
    @Test
    @SuppressWarnings("unchecked")
    void everyEntryRecordsWhetherAndWhenItWasChecked() throws Exception {
        try (java.io.InputStream in = KnownProviders.class.getResourceAsStream("/processors/known-providers.yaml")) {
            var root = (java.util.Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromInputStream(in);
            int checked = 0;
            for (Object o : (List<Object>) root.get("providers")) {
                var m = (java.util.Map<String, Object>) o;
                String when = String.valueOf(m.get("checked"));
                assertTrue(when.equals("no") || when.matches("\\d{4}-\\d{2}-\\d{2}"), m.get("suffix") + ": checked " + when);
                assertTrue(String.valueOf(m.get("source")).startsWith("https://"), String.valueOf(m.get("suffix")));
                checked += when.equals("no") ? 0 : 1;
            }
            assertTrue(checked >= 28, checked + " entries verified");
        }
        assertEquals("Heinlein Support GmbH (mailbox.org)", KnownProviders.load().lookup("smtp.mailbox.org").provider(),
                "the mailbox.org terms name Heinlein Support GmbH");
    }
}
