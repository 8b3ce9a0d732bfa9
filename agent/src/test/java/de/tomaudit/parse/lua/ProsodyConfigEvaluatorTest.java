package de.tomaudit.parse.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProsodyConfigEvaluatorTest {
    private static final String MAIN = "/etc/prosody/prosody.cfg.lua";

    private static ProsodyConfig ok(MapConfigSource source) {
        ProsodyEvaluation e = new ProsodyConfigEvaluator(source).evaluate(MAIN);
        assertTrue(e.ok(), () -> "expected success, got " + e.failure());
        return e.config().orElseThrow();
    }

    private static ConfigProblem failure(MapConfigSource source) {
        ProsodyEvaluation e = new ProsodyConfigEvaluator(source).evaluate(MAIN);
        assertFalse(e.ok(), "expected the evaluation to fail");
        return e.failure().orElseThrow();
    }

    private static MapConfigSource main(String text) {
        return new MapConfigSource().put(MAIN, text);
    }

    @Test
    void upstreamDistEvaluatesWithOptionLinesAndTypes() throws Exception {
        String dist = Files.readString(TestPaths.sharedFixture("prosody").resolve("prosody.cfg.lua.dist"));
        ProsodyConfig c = ok(main(dist));
        assertEquals(List.of("*", "localhost"), c.sections().stream().map(ConfigSection::name).toList());
        ConfigSection g = c.global();
        assertEquals(35, g.own("modules_enabled").orElseThrow().line(), "a multi-line table keeps the line of its first line");
        assertEquals(165, g.own("archive_expires_after").orElseThrow().line());
        assertEquals("1w", g.own("archive_expires_after").orElseThrow().value());
        assertEquals(true, g.own("s2s_secure_auth").orElseThrow().value());
        assertEquals("internal_hashed", g.own("authentication").orElseThrow().value());
        ConfigTable modules = (ConfigTable) g.own("modules_enabled").orElseThrow().value();
        assertTrue(modules.strings().contains("cloud_notify"));
        assertFalse(modules.strings().contains("mam"), "commented-out modules are not enabled");
        ConfigTable log = (ConfigTable) g.own("log").orElseThrow().value();
        assertEquals("prosody.log", log.field("info").orElseThrow());
        assertEquals(ConfigSection.Kind.VIRTUAL_HOST, c.section("localhost").orElseThrow().kind());
        assertEquals(214, c.section("localhost").orElseThrow().line());
        assertEquals(List.of(MAIN), c.files());
    }

    @Test
    void debianConfigWithoutConfDirectoryWarnsAndGoesOn() throws Exception {
        String debian = Files.readString(TestPaths.debianRoot().resolve("etc/prosody/prosody.cfg.lua"));
        ProsodyConfig c = ok(main(debian));
        assertEquals("/run/prosody/prosody.pid", c.global().own("pidfile").orElseThrow().value());
        assertTrue(c.warnings().stream().anyMatch(w -> w.message().contains("/etc/prosody/conf.d does not exist")
                && w.line() == 262), c.warnings()::toString);
    }

    @Test
    void debianIncludeGlobReadsConfDInNameOrderSkippingDotFilesAndStartsEachFileGlobal() throws Exception {
        String debian = Files.readString(TestPaths.debianRoot().resolve("etc/prosody/prosody.cfg.lua"));
        MapConfigSource src = main(debian)
                .put("/etc/prosody/conf.d/example.org.cfg.lua", "VirtualHost \"Example.org\"\n  allow_registration = true\n")
                .put("/etc/prosody/conf.d/.hidden.cfg.lua", "this is not lua")
                .put("/etc/prosody/conf.d/readme.txt", "not included either")
                .put("/etc/prosody/conf.d/a-global.cfg.lua", "c2s_require_encryption = false\n");
        ProsodyConfig c = ok(src);
        assertEquals(List.of(MAIN, "/etc/prosody/conf.d/a-global.cfg.lua", "/etc/prosody/conf.d/example.org.cfg.lua"),
                c.files());
        ConfigOption c2s = c.global().own("c2s_require_encryption").orElseThrow();
        assertEquals("/etc/prosody/conf.d/a-global.cfg.lua", c2s.file(), "an included file starts in the global section");
        assertEquals(1, c2s.line());
        ConfigSection host = c.section("example.org").orElseThrow();
        assertEquals(2, host.own("allow_registration").orElseThrow().line());
        assertEquals("/etc/prosody/conf.d/example.org.cfg.lua", host.file());
        assertFalse(c.section("localhost").orElseThrow().own("c2s_require_encryption").isPresent(),
                "the include after VirtualHost \"localhost\" did not put its options on localhost");
    }

    @Test
    void sectionsInheritAndComponentsKeepTheirModule() {
        ProsodyConfig c = ok(main("""
                authentication = "internal_hashed"
                VirtualHost "a.example"
                  authentication = "internal_plain"
                VirtualHost "b.example" { allow_registration = true }
                s2s_secure_auth = true
                Component "conference.a.example" "muc"
                  modules_enabled = { "muc_mam" }
                Component "gw.a.example"
                  component_secret = "s3cret"
                """));
        assertEquals("internal_plain", c.option("a.example", "authentication").orElseThrow().value());
        assertEquals("internal_hashed", c.option("b.example", "authentication").orElseThrow().value());
        assertEquals(true, c.option("b.example", "allow_registration").orElseThrow().value());
        assertEquals(4, c.option("b.example", "allow_registration").orElseThrow().line());
        assertTrue(c.global().own("s2s_secure_auth").isPresent(), "the table form returns to the global section");
        ConfigSection muc = c.section("conference.a.example").orElseThrow();
        assertEquals(ConfigSection.Kind.COMPONENT, muc.kind());
        assertEquals("muc", muc.componentModule().orElseThrow());
        assertEquals("component", c.section("gw.a.example").orElseThrow().componentModule().orElseThrow());
        assertEquals("s3cret", c.option("gw.a.example", "component_secret").orElseThrow().value());
    }

    @Test
    void hostNameClashesAndBadSyntaxAreErrorsWithLines() {
        ConfigProblem clash = failure(main("Component \"x.example\" \"muc\"\nVirtualHost \"x.example\"\n"));
        assertEquals(ConfigProblem.Kind.RUNTIME, clash.kind());
        assertEquals(2, clash.line());
        assertTrue(clash.message().contains("clashes"), clash.message());
        ConfigProblem syntax = failure(main("a = 1\nb = = 2\n"));
        assertEquals(ConfigProblem.Kind.SYNTAX, syntax.kind());
        assertEquals(2, syntax.line());
        assertEquals(MAIN, syntax.file());
        ConfigProblem named = failure(main("VirtualHost \"x\" \"mod\"\n"));
        assertTrue(named.message().contains("do not accept a module name"), named.message());
    }

    @Test
    void relativeIncludesLoopsAndMissingFiles() {
        ProsodyConfig c = ok(main("Include \"extra/one.cfg.lua\"\n")
                .put("/etc/prosody/extra/one.cfg.lua", "Include \"../two.cfg.lua\"\nx = 1\n")
                .put("/etc/prosody/two.cfg.lua", "y = 2\n"));
        assertEquals("/etc/prosody/two.cfg.lua", c.global().own("y").orElseThrow().file());
        ConfigProblem missing = failure(main("\n\nInclude \"nope.cfg.lua\"\n"));
        assertEquals(ConfigProblem.Kind.INCLUDE, missing.kind());
        assertEquals(3, missing.line());
        assertTrue(missing.message().contains("/etc/prosody/nope.cfg.lua"), missing.message());
        ConfigProblem loop = failure(main("Include \"a.cfg.lua\"\n").put("/etc/prosody/a.cfg.lua", "\nInclude \"prosody.cfg.lua\"\n"));
        assertEquals(ConfigProblem.Kind.INCLUDE, loop.kind());
        assertEquals("/etc/prosody/a.cfg.lua", loop.file());
        assertEquals(2, loop.line());
        assertTrue(loop.message().contains("Include loop"), loop.message());
    }

    @Test
    void fileReadersEnvironmentAndDuplicates() {
        MapConfigSource src = main("""
                admins = FileLines("admins.txt")
                component_secret = FileLine("/srv/secret")
                motd = FileContents("motd.txt")
                network_backend = ENV_PROSODY_NETWORK_BACKEND or "epoll"
                data_path = ENV_DATA
                motd = "twice"
                """)
                .put("/etc/prosody/admins.txt", "a@example.org\nb@example.org\n")
                .put("/srv/secret", "hunter2\nsecond line\n")
                .put("/etc/prosody/motd.txt", "hello\nworld");
        ProsodyConfig c = new ProsodyConfigEvaluator(src, SandboxLimits.DEFAULT, Map.of("DATA", "/srv/prosody"))
                .evaluate(MAIN).config().orElseThrow();
        assertEquals(List.of("a@example.org", "b@example.org"), ((ConfigTable) c.global().own("admins").orElseThrow().value()).list());
        assertEquals("hunter2", c.global().own("component_secret").orElseThrow().value());
        assertEquals("twice", c.global().own("motd").orElseThrow().value());
        assertEquals("epoll", c.global().own("network_backend").orElseThrow().value());
        assertEquals("/srv/prosody", c.global().own("data_path").orElseThrow().value());
        assertEquals(List.of("/etc/prosody/admins.txt", "/srv/secret", "/etc/prosody/motd.txt"), c.dataFiles());
        assertTrue(c.warnings().stream().anyMatch(w -> w.message().contains("ENV_PROSODY_NETWORK_BACKEND") && w.line() == 4));
        assertTrue(c.warnings().stream().anyMatch(w -> w.message().contains("Duplicate option 'motd'") && w.line() == 6));
        assertTrue(c.warnings().stream().noneMatch(w -> w.message().contains("hunter2")));
        ConfigProblem missing = failure(main("x = FileContents(\"gone.txt\")\n"));
        assertEquals(1, missing.line());
        assertTrue(missing.message().contains("/etc/prosody/gone.txt"), missing.message());
    }

    /** The project's own config in the style of Prosody's test config (FileLines, ENV_, Lua.require, components). */
    private static String projectConfig() throws Exception {
        try (var in = ProsodyConfigEvaluatorTest.class.getResourceAsStream("/de/tomaudit/parse/lua/prosody.cfg.lua")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static int lineOf(String text, String start) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + start);
    }

    @Test
    void projectConfigNeedsItsFileLinesStopsAtLuaRequireAndEvaluatesWithoutIt() throws Exception {
        String text = projectConfig();
        ConfigProblem noAdmins = failure(main(text));
        assertEquals(lineOf(text, "admins = FileLines"), noAdmins.line(), "FileLines(\"admins.txt\") needs the file");
        ConfigProblem require = failure(main(text).put("/etc/prosody/admins.txt", "admin@chat.example.org\n"));
        assertEquals(ConfigProblem.Kind.FORBIDDEN, require.kind());
        assertEquals(lineOf(text, "network_settings = Lua.require"), require.line());
        // without the require line the rest evaluates: ENV_ values are unknown (nil), so the defaults apply
        String without = text.replace(text.lines().filter(l -> l.startsWith("network_settings")).findFirst().orElseThrow(),
                "-- (removed)");
        ProsodyConfig c = ok(main(without).put("/etc/prosody/admins.txt", "admin@chat.example.org\n"));
        ConfigSection g = c.global();
        assertEquals("epoll", g.own("network_backend").orElseThrow().value());
        assertEquals("1w", g.own("archive_expires_after").orElseThrow().value());
        assertEquals(lineOf(text, "archive_expires_after"), g.own("archive_expires_after").orElseThrow().line());
        assertTrue(((ConfigTable) g.own("modules_enabled").orElseThrow().value()).strings().contains("cloud_notify"));
        assertEquals(List.of("*", "chat.example.org", "rooms.chat.example.org", "upload.chat.example.org"),
                c.sections().stream().map(ConfigSection::name).toList());
        assertEquals(ConfigSection.Kind.VIRTUAL_HOST, c.section("chat.example.org").orElseThrow().kind());
        assertEquals(604800L, ((Number) c.section("upload.chat.example.org").orElseThrow()
                .own("http_file_share_expires_after").orElseThrow().value()).longValue());
        assertTrue(c.warnings().stream().anyMatch(w -> w.message().contains("ENV_PROSODY_NETWORK_BACKEND")), c.warnings()::toString);
    }

    @Test
    void upstreamScansionConfigStopsAtLuaRequire() throws Exception {
        String spec = Files.readString(TestPaths.sharedFixture("prosody").resolve("spec-scansion-prosody.cfg.lua"));
        ConfigProblem p = failure(main(spec).put("/etc/prosody/admins.txt", "admin@localhost\n"));
        assertEquals(ConfigProblem.Kind.FORBIDDEN, p.kind());
        assertEquals(6, p.line(), "network_settings = Lua.require\"prosody.util.json\"… is line 6");
        ConfigProblem noAdmins = failure(main(spec));
        assertEquals(3, noAdmins.line(), "FileLines(\"admins.txt\") on line 3 needs the file");
    }

    @Test
    void prosody13OptionProxiesAppend() {
        ProsodyConfig c = ok(main("""
                modules_enabled = { "roster" }
                modules_enabled:append { "mam" }
                VirtualHost "example.org"
                  modules_enabled = { "muc" }
                  modules_enabled { "pep" }
                x = admins
                copy = modules_enabled:value()
                """));
        assertEquals(List.of("roster", "mam"), ((ConfigTable) c.global().own("modules_enabled").orElseThrow().value()).list());
        ConfigOption host = c.section("example.org").orElseThrow().own("modules_enabled").orElseThrow();
        assertEquals(List.of("muc", "pep"), ((ConfigTable) host.value()).list());
        assertEquals(5, host.line());
        assertFalse(c.section("example.org").orElseThrow().own("x").isPresent(), "reading an unset option gives nil");
        ConfigProblem bad = failure(main("modules_enabled = {}\nmodules_enabled:frobnicate{}\n"));
        assertTrue(bad.message().contains("Unknown config option operation"), bad.message());
    }

    @Test
    void nilRemovesAnOptionAndOddValuesConvert() {
        ProsodyConfig c = ok(main("""
                a = 1
                a = nil
                f = function() end
                local l = { 1, 2, x = { y = 3.5 } }
                l.self = l
                t = l
                big = 2^60
                """));
        assertFalse(c.global().own("a").isPresent());
        assertEquals(new ConfigOpaque("function"), c.global().own("f").orElseThrow().value());
        ConfigTable t = (ConfigTable) c.global().own("t").orElseThrow().value();
        assertEquals(List.of(1L, 2L), t.list());
        assertEquals(3.5, ((ConfigTable) t.field("x").orElseThrow()).field("y").orElseThrow());
        assertEquals(new ConfigOpaque("table containing itself"), t.field("self").orElseThrow());
        assertEquals(Math.pow(2, 60), c.global().own("big").orElseThrow().value());
    }
}
