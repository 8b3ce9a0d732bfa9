package de.tomaudit.parse.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InetLiteralTest {

    @Test
    void literalsWithoutNameLookup() {
        assertEquals(4, InetLiteral.parse("192.0.2.1").orElseThrow().length);
        assertEquals(16, InetLiteral.parse("[2001:db8::1]").orElseThrow().length);
        assertEquals(16, InetLiteral.parse("fe80::1%eth0").orElseThrow().length);
        assertTrue(InetLiteral.parse("256.1.1.1").isEmpty());
        assertTrue(InetLiteral.parse("db.example.org").isEmpty(), "host names are never resolved");
        assertTrue(InetLiteral.parse("*").isEmpty());
        assertTrue(InetLiteral.parse("1:2:3:4:5:6:7:8:9").isEmpty());
    }

    @Test
    void loopbackAndWildcards() {
        assertTrue(InetLiteral.isLoopbackName("127.0.0.53"));
        assertTrue(InetLiteral.isLoopbackName("::1"));
        assertTrue(InetLiteral.isLoopbackName("::ffff:127.0.0.1"));
        assertTrue(InetLiteral.isLoopbackName("localhost"));
        assertFalse(InetLiteral.isLoopbackName("0.0.0.0"));
        assertFalse(InetLiteral.isLoopbackName("::"));
        assertFalse(InetLiteral.isLoopbackName("10.0.0.1"));
        assertTrue(InetLiteral.isUnspecified(InetLiteral.parse("::").orElseThrow()));
    }

    @Test
    void networksAndMasks() {
        assertTrue(InetLiteral.network("127.0.0.0/8").orElseThrow().isLoopbackOnly());
        assertFalse(InetLiteral.network("126.0.0.0/7").orElseThrow().isLoopbackOnly());
        assertTrue(InetLiteral.network("::1/128").orElseThrow().isLoopbackOnly());
        assertFalse(InetLiteral.network("::1/127").orElseThrow().isLoopbackOnly());
        assertFalse(InetLiteral.network("0.0.0.0/0").orElseThrow().isLoopbackOnly());
        assertTrue(InetLiteral.network("10.0.0.0/33").isEmpty());
        assertEquals(Optional.of(24), InetLiteral.maskPrefix("255.255.255.0"));
        assertEquals(Optional.of(32), InetLiteral.maskPrefix("255.255.255.255"));
        assertTrue(InetLiteral.maskPrefix("255.0.255.0").isEmpty());
    }
}
