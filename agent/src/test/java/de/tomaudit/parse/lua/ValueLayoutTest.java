package de.tomaudit.parse.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Table fields and list entries cite their own lines; values made by code are marked computed (issue 12). */
class ValueLayoutTest {
    private static final String MAIN = "/etc/prosody/prosody.cfg.lua";

    private static ProsodyConfig eval(String text) {
        ProsodyEvaluation e = new ProsodyConfigEvaluator(new MapConfigSource().put(MAIN, text)).evaluate(MAIN);
        assertTrue(e.ok(), () -> "expected success, got " + e.failure());
        return e.config().orElseThrow();
    }

    @Test
    void fieldsAndEntriesOfLiteralTablesCiteTheirOwnLines() {
        ProsodyConfig c = eval("""
                modules_enabled = {
                \t"roster"; -- a comment with { braces }
                \t"mam";
                \t[[tls]],
                }
                ssl = {
                \tkey = "/etc/prosody/certs/x.key";
                \tprotocol = "tlsv1+";
                \tciphers = "HIGH:" ..
                \t\t"!aNULL";
                \toptions = { "no_sslv2", nested = { deep = 1 } };
                }
                log = { info = "/var/log/prosody/prosody.log"; { levels = { min = "error" }, to = "syslog" } }
                VirtualHost "chat.example.org"
                \tssl = { protocol = "tlsv1_2+" }
                """);
        ConfigOption modules = c.global().own("modules_enabled").orElseThrow();
        assertEquals(1, modules.line());
        assertFalse(modules.computed());
        assertEquals(new ConfigOption.Part(2, false), modules.entry("roster"));
        assertEquals(new ConfigOption.Part(3, false), modules.entry("mam"));
        assertEquals(new ConfigOption.Part(4, false), modules.entry("tls"));
        assertEquals(new ConfigOption.Part(1, false), modules.entry("bosh"), "absent from a literal list: the list's statement");
        ConfigOption ssl = c.global().own("ssl").orElseThrow();
        assertEquals(6, ssl.line());
        assertEquals(new ConfigOption.Part(8, false), ssl.where("protocol"));
        assertEquals(new ConfigOption.Part(9, true), ssl.where("ciphers"), "a concatenation: its field's line, computed");
        assertEquals(new ConfigOption.Part(11, false), ssl.where("options", "#1"));
        assertEquals(new ConfigOption.Part(11, false), ssl.where("options", "nested", "deep"));
        ConfigOption log = c.global().own("log").orElseThrow();
        assertEquals(new ConfigOption.Part(13, false), log.where("#1", "to"));
        ConfigOption hostSsl = c.section("chat.example.org").flatMap(s -> s.own("ssl")).orElseThrow();
        assertEquals(new ConfigOption.Part(15, false), hostSsl.where("protocol"));
    }

    @Test
    void valuesMadeByCodeAreComputedAndCiteTheirStatement() {
        ProsodyConfig c = eval("""
                local base = { "roster", "mam" }
                modules_enabled = base
                storage = "sql" .. ""
                authentication = "internal_hashed"
                """);
        ConfigOption modules = c.global().own("modules_enabled").orElseThrow();
        assertTrue(modules.computed());
        assertEquals(2, modules.line());
        assertEquals(new ConfigOption.Part(2, true), modules.entry("mam"), "the entry's line is unknown: the statement, computed");
        assertTrue(c.global().own("storage").orElseThrow().computed());
        assertFalse(c.global().own("authentication").orElseThrow().computed());
    }

    @Test
    void tableFormOfAVirtualHostAndAppendKeepTheirLines() {
        ProsodyConfig c = eval("""
                modules_enabled = { "roster" }
                VirtualHost "a.example" {
                \tallow_registration = true;
                \tssl = {
                \t\tprotocol = "tlsv1+";
                \t};
                }
                modules_enabled:append {
                \t"mam";
                }
                """);
        ConfigOption reg = c.section("a.example").flatMap(s -> s.own("allow_registration")).orElseThrow();
        assertEquals(3, reg.line());
        ConfigOption ssl = c.section("a.example").flatMap(s -> s.own("ssl")).orElseThrow();
        assertEquals(4, ssl.line());
        assertEquals(new ConfigOption.Part(5, false), ssl.where("protocol"));
        ConfigOption modules = c.global().own("modules_enabled").orElseThrow();
        assertEquals(new ConfigOption.Part(1, false), modules.entry("roster"));
        assertEquals(new ConfigOption.Part(9, false), modules.entry("mam"));
    }

    @Test
    void unreadableTextIsNeverAWrongLine() {
        // an unbalanced brace in a string and a long comment must not shift what follows
        ProsodyConfig c = eval("""
                motd = "not a { brace"
                --[[ a long
                comment } ]]
                ssl = { protocol = "tlsv1_2+" }
                """);
        assertEquals(new ConfigOption.Part(4, false), c.global().own("ssl").orElseThrow().where("protocol"));
        // text that ends inside a constructor: nothing known rather than a guess
        ValueLayout broken = TableLines.ofStatement(TableLines.tokenize("ssl = { protocol = \"x\""), 1, "ssl");
        assertEquals(ValueLayout.UNKNOWN, broken);
        assertFalse(broken.isLiteral());
        // a name that is not on its line (found by scripts/fuzz: the search ran past the last token until the index overflowed)
        assertEquals(ValueLayout.UNKNOWN, TableLines.ofStatement(TableLines.tokenize("x = 1"), 1, "y"));
    }
}
