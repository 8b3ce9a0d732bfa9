package de.tomaudit.parse.ejabberd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ejabberd 23.01's reading of ejabberd.yml: fast_yaml terms, includes, macros, group_dups, host_config. */
class EjabberdConfigReaderTest {
    private static final String MAIN = "/etc/ejabberd/ejabberd.yml";
    private static final String SPOOL = "/var/lib/ejabberd";

    private static EjabberdConfig read(Files files) {
        return EjabberdConfigReader.read(MAIN, List.of(), SPOOL, files);
    }

    private static EjabberdConfig read(String main) {
        return read(new Files().put(MAIN, main));
    }

    /** An upstream file of shared/fixtures/ejabberd (skipped on a clone without ../shared). */
    private static String upstream(String name) throws IOException {
        return java.nio.file.Files.readString(TestPaths.sharedFixture("ejabberd").resolve(name));
    }

    private static EjValue value(EjabberdConfig c, String key) {
        return c.global(key).orElseThrow(() -> new AssertionError("no option " + key + ": " + c.problems())).value();
    }

    private static String problems(EjabberdConfig c) {
        return c.problems().toString();
    }

    // --- real files ---------------------------------------------------------------------------------

    @Test
    void upstreamExampleAsItIs() throws IOException {
        EjabberdConfig c = read(upstream("ejabberd.yml.example"));
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("localhost"), c.hosts());
        List<ConfigProblem> p = new ArrayList<>();
        List<Listener> listeners = Listeners.read(c, p);
        assertEquals(7, listeners.size());
        Listener c2s = listeners.get(0);
        assertEquals(Optional.of(5222L), c2s.portNumber());
        assertEquals("::", c2s.ip());
        assertTrue(c2s.starttlsRequired());
        assertEquals(new Loc(MAIN, 29), c2s.loc());
        assertEquals("udp", listeners.get(5).transport());
        assertEquals("optional", value(c, "s2s_use_starttls").scalarText().orElseThrow());
        EjValue.Mapping modules = (EjValue.Mapping) value(c, "modules");
        EjValue mam = modules.get("mod_mam").orElseThrow();
        assertEquals("always", ((EjValue.Mapping) mam).get("default").flatMap(EjValue::scalarText).orElseThrow());
        assertEquals(List.of(), p);
    }

    @Test
    void containerExampleMacrosResolveWithTheirUseAndDefinitionLines() throws IOException {
        EjabberdConfig c = read(upstream("ejabberd.yml.container-example"));
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("localhost"), c.hosts(), "hosts: [HOST] via macro");
        List<Listener> l = Listeners.read(c, new ArrayList<>());
        Listener c2s = l.get(0);
        assertEquals(Optional.of(5222L), c2s.portNumber(), "port: PORT_C2S");
        assertTrue(c2s.starttlsRequired(), "starttls_required: STARTTLS_REQUIRED (true)");
        EjValue.Mapping item = (EjValue.Mapping) value(c, "listen").items().get(0);
        EjValue port = item.get("port").orElseThrow();
        assertEquals("PORT_C2S", port.macro().orElseThrow().name());
        assertEquals(new Loc(MAIN, 49), port.where(), "used at");
        assertEquals(new Loc(MAIN, 20), port.macro().get().definedAt(), "defined at");
        assertEquals(new Loc(MAIN, 20), c.macros().get("PORT_C2S"));
        // a unix socket listener keeps its text port
        assertTrue(l.stream().anyMatch(x -> x.port().startsWith("unix:") && x.portNumber().isEmpty()));
    }

    /** The project's own config in the style of the container example (macros, an include, host_config). */
    private static Files projectConfig() throws IOException {
        String base = "/de/tomaudit/parse/ejabberd/";
        Files f = new Files();
        for (String[] r : new String[][] {{"ejabberd.yml", MAIN}, {"conf.d/local.yml", "/etc/ejabberd/conf.d/local.yml"}}) {
            try (var in = EjabberdConfigReaderTest.class.getResourceAsStream(base + r[0])) {
                f.put(r[1], new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return f;
    }

    private static int lineOf(Files f, String path, String line) throws Exception {
        List<String> lines = f.read(path).lines().toList();
        assertTrue(lines.contains(line), line);
        return lines.indexOf(line) + 1;
    }

    @Test
    void projectConfigMacrosIncludeAndHostOverrideResolveWithTheirLines() throws Exception {
        Files f = projectConfig();
        EjabberdConfig c = read(f);
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("chat.example.org", "rooms.example.org"), c.hosts(), "hosts: [HOST, …] via macro");
        List<Listener> l = Listeners.read(c, new ArrayList<>());
        Listener c2s = l.get(0);
        assertEquals(Optional.of(5222L), c2s.portNumber(), "port: PORT_C2S");
        assertTrue(c2s.starttlsRequired(), "starttls_required: STARTTLS_REQUIRED (true)");
        EjValue port = ((EjValue.Mapping) value(c, "listen").items().get(0)).get("port").orElseThrow();
        assertEquals("PORT_C2S", port.macro().orElseThrow().name());
        assertEquals(new Loc(MAIN, lineOf(f, MAIN, "    port: PORT_C2S")), port.where(), "used at");
        assertEquals(new Loc(MAIN, lineOf(f, MAIN, "  PORT_C2S: 5222")), port.macro().get().definedAt(), "defined at");
        assertTrue(l.stream().anyMatch(x -> x.port().startsWith("unix:") && x.portNumber().isEmpty()), "a socket keeps its text");
        EjValue opts = value(c, "c2s_protocol_options");
        assertEquals("TLS_OPTIONS", opts.macro().orElseThrow().name());
        assertEquals(List.of("no_sslv3", "no_tlsv1", "no_tlsv1_1", "cipher_server_preference"),
                opts.items().stream().map(v -> v.scalarText().orElseThrow()).toList());
        // the include gives modules and acl, not its loglevel (allow_only)
        assertEquals(List.of(MAIN, "/etc/ejabberd/conf.d/local.yml"), c.files());
        assertEquals(Optional.of("info"), value(c, "loglevel").scalarText());
        EjValue.Mapping modules = (EjValue.Mapping) value(c, "modules");
        assertEquals(Optional.of("always"), ((EjValue.Mapping) modules.get("mod_mam").orElseThrow()).get("default")
                .flatMap(EjValue::scalarText));
        // the rooms host overrides the password format
        assertEquals(Optional.of("scram"), c.forHost("auth_password_format", "chat.example.org").orElseThrow().value().scalarText());
        Option rooms = c.forHost("auth_password_format", "rooms.example.org").orElseThrow();
        assertEquals(Optional.of("plain"), rooms.value().scalarText());
        assertEquals(new Loc(MAIN, lineOf(f, MAIN, "    auth_password_format: plain")), rooms.keyLoc());
    }

    @Test
    void debianPackageConfigTlsOptionsMacro() throws IOException {
        EjabberdConfig c = read(java.nio.file.Files.readString(TestPaths.debianRoot().resolve("etc/ejabberd/ejabberd.yml")));
        assertEquals(List.of(), c.problems());
        EjValue opts = value(c, "c2s_protocol_options");
        assertEquals(List.of("no_sslv3", "no_tlsv1", "no_tlsv1_1", "cipher_server_preference", "no_compression"),
                opts.items().stream().map(v -> v.scalarText().orElseThrow()).toList());
        assertEquals("TLS_OPTIONS", opts.macro().orElseThrow().name());
        assertEquals(new Loc(MAIN, 54), opts.where());
        assertEquals("HIGH:!aNULL:!eNULL:!3DES:@STRENGTH", value(c, "c2s_ciphers").scalarText().orElseThrow());
        assertEquals(Optional.of(0L), value(c, "log_rotate_count").integer());
    }

    // --- fast_yaml terms -------------------------------------------------------------------------------

    @Test
    void scalarsAreReadAsFastYamlReadsThem() {
        EjabberdConfig c = read("hosts: [x]\na: 'PORT'\nb: 010\nc: 0x10\nd: 1.5\ne: .5\nf: +.5\ng: yes\nh: ~\ni: \"\"\n"
                + "j: '5222'\nk: \"true\"\nl: 1e3\n");
        assertEquals(EjValue.Type.ATOM, ((EjValue.Scalar) value(c, "a")).type());
        assertEquals(Optional.of(10L), value(c, "b").integer(), "010 is decimal 10 (strtol base 10)");
        assertEquals(EjValue.Type.ATOM, ((EjValue.Scalar) value(c, "c")).type(), "0x10 is not a number");
        assertEquals(EjValue.Type.FLOAT, ((EjValue.Scalar) value(c, "d")).type());
        assertEquals(EjValue.Type.FLOAT, ((EjValue.Scalar) value(c, "e")).type());
        assertEquals(EjValue.Type.ATOM, ((EjValue.Scalar) value(c, "f")).type(), "strtol stops at '+', not '.'");
        assertEquals(Optional.of(true), value(c, "g").bool(), "yes is an atom the bool validator accepts");
        assertEquals(EjValue.Type.ATOM, ((EjValue.Scalar) value(c, "h")).type(), "~ is the atom '~', not null");
        assertEquals(EjValue.Type.BINARY, ((EjValue.Scalar) value(c, "i")).type());
        assertEquals(Optional.empty(), value(c, "j").integer(), "a single-quoted number is an atom");
        assertEquals(Optional.of(true), value(c, "k").bool(), "a quoted true is still a bool for yconf");
        assertEquals(EjValue.Type.ATOM, ((EjValue.Scalar) value(c, "l")).type());
    }

    @Test
    void anAliasIsTheAnchorsNameAndIsReported() {
        EjabberdConfig c = read("hosts: [x]\nanchored: &tls [no_tlsv1]\nc2s_protocol_options: *tls\n");
        EjValue v = value(c, "c2s_protocol_options");
        assertEquals(Optional.of("tls"), v.scalarText(), "fast_yaml gives the text of the anchor name");
        ConfigProblem p = c.problems().get(0);
        assertEquals(new Loc(MAIN, 3), p.where());
        assertFalse(p.fatal());
        assertTrue(p.message().contains("does not expand aliases"), p.message());
    }

    @Test
    void anAliasNamedLikeAMacroBecomesTheMacro() {
        EjabberdConfig c = read("define_macro:\n  TLS: [no_tlsv1]\nhosts: [x]\nx: &TLS ignored\ny: *TLS\n");
        assertEquals(List.of("no_tlsv1"), value(c, "y").items().stream().map(v -> v.scalarText().orElseThrow()).toList());
    }

    @Test
    void anAtomLongerThan255BytesIsAParseError() {
        EjabberdConfig c = read("hosts: [x]\na: " + "x".repeat(256) + "\n");
        assertTrue(c.fatalProblem().isPresent());
        assertEquals(new Loc(MAIN, 2), c.fatalProblem().get().where());
        assertTrue(read("hosts: [x]\na: \"" + "x".repeat(300) + "\"\n").problems().isEmpty(), "a binary may be long");
    }

    // --- macros -------------------------------------------------------------------------------------------

    @Test
    void nestedMacrosQuotedUsesAndNumbersNot() {
        EjabberdConfig c = read("define_macro:\n  FOO: BAR\n  BAR: BAZ\n  BAZ: baz\n  N: 5\nhosts: [x]\n"
                + "a: FOO\nb: 'FOO'\nc: \"FOO\"\nd: [FOO, other]\ne: {k: FOO}\nf: 5\n");
        assertEquals(List.of(), c.problems());
        for (String k : List.of("a", "b", "c")) {
            assertEquals(Optional.of("baz"), value(c, k).scalarText(), k);
        }
        assertEquals(Optional.of("baz"), value(c, "d").items().get(0).scalarText());
        assertEquals(Optional.of("baz"), ((EjValue.Mapping) value(c, "e")).get("k").flatMap(EjValue::scalarText));
        assertEquals(Optional.of(5L), value(c, "f").integer());
        assertFalse(c.globalOptions().containsKey("define_macro"));
    }

    @Test
    void aMacroNameUsedAsAKeyStaysAndIsReported() {
        EjabberdConfig c = read("define_macro:\n  OPT: loglevel\n  K: v\nhosts: [x]\nOPT: debug\nm:\n  K: 1\n");
        assertTrue(c.global("OPT").isPresent(), "keys are never replaced");
        assertFalse(c.global("loglevel").isPresent());
        assertEquals(2, c.problems().size(), problems(c));
        assertEquals(new Loc(MAIN, 5), c.problems().get(0).where());
        assertEquals(new Loc(MAIN, 7), c.problems().get(1).where(), "nested keys too");
        assertTrue(c.problems().get(0).message().contains("used as a key"));
    }

    @Test
    void circularDuplicatedAndBadlyNamedMacrosAreFatal() {
        EjabberdConfig loop = read("define_macro:\n  A: B\n  B: C\n  C: A\nhosts: [x]\n");
        assertTrue(loop.fatalProblem().orElseThrow().message().contains("defined in terms of itself"), problems(loop));
        assertTrue(read("define_macro:\n  SELF: SELF\nhosts: [x]\n").fatalProblem().isPresent(), "even unused");
        EjabberdConfig dup = read("define_macro:\n  A: 1\nhosts: [x]\ndefine_macro:\n  A: 2\n");
        assertEquals(new Loc(MAIN, 5), dup.fatalProblem().orElseThrow().where());
        assertTrue(dup.fatalProblem().get().message().contains("defined twice (also at " + MAIN + ":2)"));
        assertTrue(read("define_macro:\n  lower: 1\nhosts: [x]\n").fatalProblem().isPresent());
        assertTrue(read("define_macro: [A]\nhosts: [x]\n").fatalProblem().isPresent());
        assertTrue(loop.globalOptions().isEmpty(), "no options when the configuration cannot be known");
    }

    @Test
    void macrosThatMultiplyEachOtherAreStoppedQuickly() {
        StringBuilder b = new StringBuilder("define_macro:\n  M0: [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 12; i++) {
            b.append("  M").append(i).append(": [M").append(i - 1).append(", M").append(i - 1).append(", M")
                    .append(i - 1).append(", M").append(i - 1).append(", M").append(i - 1).append("]\n");
        }
        b.append("hosts: [x]\na: M12\n");
        long start = System.nanoTime();
        EjabberdConfig c = read(b.toString());
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        assertTrue(c.fatalProblem().orElseThrow().message().contains("more than"), problems(c));
    }

    // --- includes ---------------------------------------------------------------------------------------

    @Test
    void relativeIncludesComeFromTheWorkingDirectoryNotTheConfigDirectory() {
        Files f = new Files().put(MAIN, "hosts: [x]\ninclude_config_file: inc.yml\n")
                .put(SPOOL + "/inc.yml", "loglevel: warning\n")
                .put("/etc/ejabberd/inc.yml", "loglevel: debug\n");
        EjabberdConfig c = read(f);
        assertEquals(Optional.of("warning"), value(c, "loglevel").scalarText());
        assertEquals(List.of(MAIN, SPOOL + "/inc.yml"), c.files());
    }

    @Test
    void includeListMapAllowOnlyAndDisallow() {
        Files f = new Files().put(MAIN, "hosts: [x]\ninclude_config_file:\n  /etc/ejabberd/a.yml:\n    allow_only: [loglevel]\n"
                        + "  /etc/ejabberd/b.yml:\n    disallow: [loglevel, define_macro]\n  /etc/ejabberd/c.yml: {}\nz: M\n")
                .put("/etc/ejabberd/a.yml", "loglevel: info\nacme: {auto: true}\n")
                .put("/etc/ejabberd/b.yml", "loglevel: debug\ndefine_macro:\n  M: from_b\ns2s_use_starttls: optional\n")
                .put("/etc/ejabberd/c.yml", "certfiles: [/x.pem]\n");
        EjabberdConfig c = read(f);
        assertEquals(Optional.of("info"), value(c, "loglevel").scalarText());
        assertFalse(c.global("acme").isPresent(), "not in allow_only");
        assertEquals(Optional.of("optional"), value(c, "s2s_use_starttls").scalarText());
        assertEquals(Optional.of("M"), value(c, "z").scalarText(), "define_macro disallowed, so M stays text");
        assertEquals(new Loc("/etc/ejabberd/b.yml", 4), c.global("s2s_use_starttls").orElseThrow().keyLoc());
        assertTrue(c.global("certfiles").isPresent());
        EjabberdConfig list = read(new Files().put(MAIN, "include_config_file: [/a.yml, /b.yml]\n")
                .put("/a.yml", "hosts: [x]\n").put("/b.yml", "loglevel: error\n"));
        assertEquals(Optional.of("error"), value(list, "loglevel").scalarText());
        EjabberdConfig unknown = read(new Files().put(MAIN, "include_config_file:\n  /a.yml:\n    only: [x]\n")
                .put("/a.yml", "hosts: [x]\n"));
        assertEquals(new Loc(MAIN, 3), unknown.fatalProblem().orElseThrow().where());
    }

    @Test
    void macrosOfAnIncludedFileApplyToTheIncludingFile() {
        EjabberdConfig c = read(new Files().put(MAIN, "a: M\ninclude_config_file: /etc/ejabberd/macros.yml\nhosts: [x]\n")
                .put("/etc/ejabberd/macros.yml", "define_macro:\n  M: 1\nb: M\n"));
        assertEquals(Optional.of(1L), value(c, "a").integer());
        assertEquals(Optional.of(1L), value(c, "b").integer());
        EjabberdConfig dup = read(new Files().put(MAIN, "define_macro:\n  M: 1\ninclude_config_file: /i.yml\nhosts: [x]\n")
                .put("/i.yml", "define_macro:\n  M: 2\n"));
        assertTrue(dup.fatalProblem().orElseThrow().message().contains("defined twice"));
    }

    @Test
    void missingLoopingAndTooDeepIncludesAreFatalAtTheIncludingLine() {
        EjabberdConfig missing = read("hosts: [x]\ninclude_config_file: /nope.yml\n");
        assertEquals(new Loc(MAIN, 2), missing.fatalProblem().orElseThrow().where());
        assertTrue(missing.fatalProblem().get().message().contains("/nope.yml"));

        EjabberdConfig loop = read(new Files().put(MAIN, "hosts: [x]\ninclude_config_file: /a.yml\n")
                .put("/a.yml", "x: 1\ninclude_config_file: ./b.yml\n").put(SPOOL + "/b.yml", "include_config_file: /a.yml\n"));
        ConfigProblem p = loop.fatalProblem().orElseThrow();
        assertEquals(new Loc(SPOOL + "/b.yml", 1), p.where());
        assertTrue(p.message().contains("include loop"), p.message());

        EjabberdConfig self = read(new Files().put(MAIN, "include_config_file: /etc/ejabberd/../ejabberd/ejabberd.yml\n"));
        assertTrue(self.fatalProblem().orElseThrow().message().contains("include loop"));

        Files deep = new Files().put(MAIN, "hosts: [x]\ninclude_config_file: /d0.yml\n");
        for (int i = 0; i < 30; i++) {
            deep.put("/d" + i + ".yml", "include_config_file: /d" + (i + 1) + ".yml\n");
        }
        EjabberdConfig tooDeep = read(deep);
        assertTrue(tooDeep.fatalProblem().orElseThrow().message().contains("nested deeper than"), problems(tooDeep));
        assertTrue(deep.reads().size() <= EjabberdConfigReader.MAX_INCLUDE_DEPTH + 1, "stops reading");
    }

    @Test
    void syntaxErrorsSeveralDocumentsAndATopLevelListAreFatal() {
        ConfigProblem syntax = read("hosts: [x]\nlisten:\n  - port: 5222\n   module: x\n").fatalProblem().orElseThrow();
        assertEquals(MAIN, syntax.where().file());
        assertTrue(syntax.where().line() >= 3, syntax.toString());
        assertEquals(new Loc(MAIN, 3), read("hosts: [x]\n---\nb: 1\n").fatalProblem().orElseThrow().where());
        assertTrue(read("- a\n- b\n").fatalProblem().orElseThrow().message().contains("top level"));
        EjabberdConfig empty = read("# nothing\n");
        assertTrue(empty.fatalProblem().isEmpty());
        assertTrue(empty.problems().get(0).message().contains("no 'hosts'"));
    }

    // --- grouping and hosts ------------------------------------------------------------------------------

    @Test
    void duplicatedListOptionsAreConcatenatedScalarsReported() {
        EjabberdConfig c = read(new Files().put(MAIN, "hosts: [x]\nmodules:\n  mod_ping: {}\nloglevel: info\n"
                        + "include_config_file: /more.yml\nloglevel: debug\n")
                .put("/more.yml", "modules:\n  mod_mam: {default: always}\nlisten: []\n"));
        EjValue.Mapping modules = (EjValue.Mapping) value(c, "modules");
        assertEquals(List.of("mod_ping", "mod_mam"), modules.entries().stream().map(e -> e.key().text()).toList());
        assertEquals(Optional.of("debug"), value(c, "loglevel").scalarText());
        assertEquals(1, c.problems().size(), problems(c));
        assertTrue(c.problems().get(0).message().contains("set twice"));
    }

    @Test
    void hostConfigOverridesAndAppendHostConfigAppends() {
        EjabberdConfig c = read("hosts: [a.example, b.example]\nauth_password_format: scram\n"
                + "modules:\n  mod_ping: {}\n"
                + "host_config:\n  b.example:\n    auth_password_format: plain\n"
                + "append_host_config:\n  a.example:\n    modules:\n      mod_mam: {}\n    loglevel: debug\n");
        assertEquals(Optional.of("scram"), c.forHost("auth_password_format", "a.example").orElseThrow().value().scalarText());
        Option b = c.forHost("auth_password_format", "b.example").orElseThrow();
        assertEquals(Optional.of("plain"), b.value().scalarText());
        assertEquals(new Loc(MAIN, 7), b.keyLoc());
        assertEquals(List.of("mod_ping", "mod_mam"), c.forHost("modules", "a.example").orElseThrow().value().entries()
                .stream().map(e -> e.key().text()).toList());
        assertEquals(List.of("mod_ping"), c.forHost("modules", "b.example").orElseThrow().value().entries()
                .stream().map(e -> e.key().text()).toList());
        assertEquals(1, c.problems().size(), problems(c));
        assertTrue(c.problems().get(0).message().contains("cannot be appended"));
        assertEquals(1, c.hostOverrides("auth_password_format").size());
    }

    @Test
    void contribModuleFilesAreReadWithTheirOwnMacros() {
        Files f = new Files().put(MAIN, "define_macro:\n  M: main\nhosts: [x]\nmodules:\n  mod_ping: {}\na: M\n")
                .put("/etc/ejabberd/modules.d/mod_x.yml", "define_macro:\n  M: contrib\nmodules:\n  mod_x: {opt: M}\n");
        EjabberdConfig c = EjabberdConfigReader.read(MAIN, List.of("/etc/ejabberd/modules.d/mod_x.yml"), SPOOL, f);
        assertEquals(List.of(), c.problems(), "the same macro name in another file is no duplicate");
        assertEquals(Optional.of("main"), value(c, "a").scalarText());
        EjValue.Mapping modules = (EjValue.Mapping) value(c, "modules");
        assertEquals(Optional.of("contrib"), modules.get("mod_x").map(v -> ((EjValue.Mapping) v).get("opt")
                .flatMap(EjValue::scalarText).orElseThrow()));
        assertInstanceOf(EjValue.Mapping.class, modules.get("mod_ping").orElseThrow());
    }

    @Test
    void pathNormalisation() {
        assertEquals("/etc/ejabberd/x.yml", EjabberdConfigReader.normalise("/etc//ejabberd/./sub/../x.yml"));
        assertEquals("/x", EjabberdConfigReader.normalise("/../../x"));
    }

    @Test
    void debianFilesAreReadAsTheyAre() throws IOException {
        for (Path p : List.of(TestPaths.debianFile("ejabberd", "usr/share/ejabberd/ejabberd.yml.example"),
                TestPaths.debianRoot().resolve("etc/ejabberd/ejabberd.yml"))) {
            EjabberdConfig c = read(java.nio.file.Files.readString(p));
            assertTrue(c.fatalProblem().isEmpty(), p + ": " + problems(c));
        }
    }

    @Test
    void upstreamFilesAreReadAsTheyAre() throws IOException {
        for (Path p : List.of(TestPaths.sharedFixture("ejabberd").resolve("ejabberd.yml.example"),
                TestPaths.sharedFixture("ejabberd").resolve("ejabberd.yml.container-example"))) {
            EjabberdConfig c = read(java.nio.file.Files.readString(p));
            assertTrue(c.fatalProblem().isEmpty(), p + ": " + problems(c));
        }
    }
}
