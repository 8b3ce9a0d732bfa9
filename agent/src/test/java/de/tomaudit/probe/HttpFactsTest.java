package de.tomaudit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpFactsTest {

    @Test
    void maxAgeIsReadStrictly() {
        assertEquals(31536000, HttpFacts.maxAge("max-age=31536000"));
        assertEquals(15552000, HttpFacts.maxAge("includeSubDomains; max-age=\"15552000\"; preload"));
        assertEquals(0, HttpFacts.maxAge(""));
        assertEquals(-1, HttpFacts.maxAge("max-age=one year"));
        assertEquals(-1, HttpFacts.maxAge("includeSubDomains"));
        assertEquals(-1, HttpFacts.maxAge("xmax-age=5"));
    }

    @Test
    void versionDisclosure() {
        assertTrue(HttpFacts.discloses("nginx/1.22.1"));
        assertTrue(HttpFacts.discloses("Apache/2.4.57 (Debian)"));
        assertTrue(HttpFacts.discloses("PHP/8.2"));
        assertFalse(HttpFacts.discloses("nginx"));
        assertFalse(HttpFacts.discloses("Mastodon"));
        assertFalse(HttpFacts.discloses(""));
    }
}
