package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.hostile.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One language on the whole command line (issue 12 point 7): with {@code --lang de} the errors of
 * every loader of the agent's own files (inventory, waivers, claims, rules, stored results), the usage
 * errors, picocli's own errors, the history and rules commands and the dry run are German, with file
 * and line in front as in English; English stays as it was, byte for byte.
 */
class CliLanguageTest {
    @TempDir Path tmp;

    /** English words that mark an untranslated message (quoted values and paths are left out first). */
    private static final Pattern ENGLISH = Pattern.compile(
            "\\b(unknown|missing|expected|must|not found|invalid|cannot|needs|should|required|does not|is not|"
                    + "permission denied|larger than|empty|no such|try)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_LINE = Pattern.compile("^tomaudit: (\\S+:\\d+): ");

    private record Case(String name, Function<Path, List<String>> args) { }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Case file(String name, String option, String text) {
        return new Case(name, dir -> {
            try {
                return List.of("audit", "--kind", "host", option, write(dir, name, text).toString(), "dir:" + dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Case rule(String name, String text) {
        return new Case("rules/" + name, dir -> {
            try {
                write(dir, "pack/" + name, text);
                return List.of("audit", "--kind", "host", "--rules", dir.resolve("pack").toString(), "dir:" + dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Case args(String name, String... args) {
        return new Case(name, dir -> List.of(args));
    }

    private static final String RULE_OK = """
            id: host.test-ok
            severity: low
            title: {en: t, de: t}
            remediation: {en: r, de: r}
            tom: {gdpr: [art32-1b], sdm: [vertraulichkeit], kontrolle: [zugangskontrolle]}
            condition: "true"
            """;

    /** Bad inputs of every loader and option, beside the refused cases of the hostile corpus. */
    private static List<Case> badInputs() {
        List<Case> out = new ArrayList<>();
        // inventories: the cases of InventoryLoaderTest, through the CLI
        out.add(file("a.ini", "--inventory", "[web]\nhost1\n[web:kids]\nx\n"));
        out.add(file("b.ini", "--inventory", "[web servers]\nhost1\n"));
        out.add(file("c.ini", "--inventory", "[web]\nhost1 ansible_port\n"));
        out.add(file("d.ini", "--inventory", "[web]\nhost1 note=\"open\n"));
        out.add(file("e.ini", "--inventory", "[web]\nh1\n[db:vars]\nx=1\n"));
        out.add(file("f.ini", "--inventory", "[web]\nh1\n[prod:children]\nweb\nxyz\n"));
        out.add(file("g.ini", "--inventory", "[a:children]\nb\n[b:children]\na\n[a]\nh1\n"));
        out.add(file("h.ini", "--inventory", "[web]\nh[9:1]\n"));
        out.add(file("i.ini", "--inventory", "[web]\nh1 ansible_port=ssh\n"));
        out.add(file("j.ini", "--inventory", "[web]\nh1 ansible_connection=winrm\n"));
        out.add(file("k.ini", "--inventory", "---\nall:\n"));
        out.add(file("l.yaml", "--inventory", "targets:\n  - name: a\n    adress: ssh://x@y\n"));
        out.add(file("m.yaml", "--inventory", "targets:\n  - name: a\n"));
        out.add(file("n.yaml", "--inventory", "targets:\n  - address: ftp://x\n"));
        out.add(file("o.yaml", "--inventory", "targets:\n  - address: local\n  - address: local\n"));
        out.add(file("p.yaml", "--inventory", "targets:\n  - address: local\n    kinds: [wordpress]\n"));
        out.add(file("q.yaml", "--inventory", "targets:\n  - address: local\n    sudo: yes\n"));
        out.add(file("r.yaml", "--inventory", "targets: []\n"));
        out.add(file("s.yaml", "--inventory", "targets:\n  - address: local\n   name: x\n"));
        out.add(file("t.yaml", "--inventory", "all:\n  hosts:\n    - h1\n    - h2\n"));
        out.add(file("u.yaml", "--inventory", "targets:\n  - address: local\nextra: 1\n"));
        out.add(file("v.yaml", "--inventory", "- just\n- a list\n"));
        out.add(file("w.yaml", "--inventory", "targets:\n  - address: local\n    variables: [a]\n"));
        out.add(file("x.yaml", "--inventory", "targets: {a: 1}\n"));
        out.add(file("y.yaml", "--inventory", "# nothing\n"));
        out.add(file("z.bin", "--inventory", "targets:\u0000\n"));
        out.add(args("inventory-missing", "audit", "--inventory", "/nonexistent/hosts.yaml"));
        // waivers
        out.add(file("w1.yaml", "--waivers", "waivers:\n  - rule: host.x\n    reason: r\n"));
        out.add(file("w2.yaml", "--waivers", "waivers:\n  - rule: host.x\n    justification: ' '\n    approver: a\n    expires: 2099-01-01\n"));
        out.add(file("w3.yaml", "--waivers", "waivers:\n  - rule: host.x\n    justification: j\n    approver: a\n    expires: soon\n"));
        out.add(file("w4.yaml", "--waivers", "waivers:\n  - rule: host.x\n    justification: j\n    approver: ' '\n    expires: 2099-01-01\n"));
        out.add(file("w5.yaml", "--waivers", "waivers:\n  - rule: host.x\n    justification: j\n    approver: a\n    expires: 2001-01-01\n"));
        out.add(file("w6.yaml", "--waivers", "\n"));
        out.add(file("w7.yaml", "--waivers", "waivers:\n  - rule: host.x\n    justification: j\n    expires: 2099-01-01\n"));
        out.add(file("w8.yaml", "--waivers", "waivers: {a: 1}\n"));
        // policy claims
        out.add(file("p1.yaml", "--policy", "claims:\n  logs:\n    retention: 7 days\n    colour: red\n"));
        out.add(file("p2.yaml", "--policy", "claims:\n  logs:\n    retention: a while\n"));
        out.add(file("p3.yaml", "--policy", "schema: 2\nclaims: {}\n"));
        out.add(file("p4.yaml", "--policy", "other: 1\n"));
        out.add(file("p5.yaml", "--policy", "claims:\n  logs:\n    ip_addresses: perhaps\n"));
        out.add(file("p6.yaml", "--policy", "claims:\n  logs:\n    max_level: loud\n"));
        out.add(file("p7.yaml", "--policy", "claims:\n  logs:\n    retention: 99999 years\n"));
        out.add(file("p8.yaml", "--policy", "claims:\n  logs: {retention: 1d, retention: 2d}\n"));
        // rule packs
        out.add(rule("r1.yaml", RULE_OK + "colour: red\n"));
        out.add(rule("r2.yaml", RULE_OK.replace("host.test-ok", "Host_Test")));
        out.add(rule("r3.yaml", RULE_OK.replace("tom: {gdpr: [art32-1b], sdm: [vertraulichkeit], kontrolle: [zugangskontrolle]}", "tom: {}")));
        out.add(rule("r4.yaml", RULE_OK.replace("art32-1b", "art99")));
        out.add(rule("r5.yaml", RULE_OK.replace("severity: low", "severity: urgent")));
        out.add(rule("r6.yaml", RULE_OK.replace("title: {en: t, de: t}", "title: {en: t, fr: t}")));
        out.add(rule("r7.yaml", RULE_OK.replace("condition: \"true\"", "condition: \" \"")));
        out.add(rule("r8.yaml", RULE_OK + "why: {en: 'a {b', de: x}\n"));
        out.add(rule("r9.yaml", RULE_OK.replace("remediation: {en: r, de: r}\n", "")));
        out.add(rule("r10.yaml", RULE_OK + "manual: maybe\n"));
        out.add(args("rules-not-a-directory", "audit", "--rules", "/nonexistent/rules"));
        // options
        out.add(args("target", "audit", "ftp://example.org"));
        out.add(args("target-port", "audit", "ssh://a@b:99999"));
        out.add(args("fail-on", "audit", "--fail-on", "urgent"));
        out.add(args("kind", "audit", "--kind", "nextcloud"));
        out.add(args("format", "audit", "--format", "xml"));
        out.add(args("formats-output", "audit", "--format", "json,html"));
        out.add(args("tom-group", "audit", "--tom-group", "iso"));
        out.add(args("parallel-range", "audit", "--parallel", "0"));
        out.add(args("probe", "audit", "--probe", "nothing"));
        out.add(args("probe-mode", "audit", "--probe", "a.example:443/ftp"));
        out.add(args("probe-only", "audit", "--probe-only"));
        out.add(args("history-url", "audit", "--history", "mysql://x"));
        out.add(args("history-contradiction", "audit", "--history", "jdbc:h2:file:/tmp/x", "--no-history"));
        out.add(args("mastodon-db", "audit", "--kind", "mastodon", "--mastodon-db", "jdbc:postgresql://127.0.0.1/m?user=postgres"));
        out.add(args("identity", "audit", "--identity", "/nonexistent/key"));
        out.add(args("round", "audit", "--round", "1 2"));
        out.add(args("ssh-config", "audit", "--ssh-config", "/nonexistent/config"));
        // picocli's own
        out.add(args("picocli-unknown-option", "audit", "--frobnicate"));
        out.add(args("picocli-not-an-int", "audit", "--parallel", "zero"));
        out.add(args("picocli-missing-parameter", "rules", "show"));
        out.add(args("picocli-missing-value", "audit", "--format"));
        out.add(args("picocli-unmatched", "rules", "list", "extra"));
        out.add(args("picocli-no-command", "history"));
        out.add(args("picocli-no-rules-command", "rules"));
        // report --from, history
        out.add(new Case("report-from", dir -> {
            try {
                return List.of("report", "--from", write(dir, "r.json", "{\"targets\": 5}").toString(), "--format", "md");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        out.add(new Case("report-from-json", dir -> {
            try {
                return List.of("report", "--from", write(dir, "r.json", "{\"targets\": [").toString(), "--format", "md");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        out.add(new Case("history-no-run", dir -> List.of("history", "show", "nightly", "--history",
                "jdbc:h2:file:" + dir.resolve("h/h"))));
        out.add(new Case("history-format", dir -> List.of("history", "list", "--format", "xml", "--history",
                "jdbc:h2:file:" + dir.resolve("h/h"))));
        out.add(new Case("history-prune", dir -> List.of("history", "prune", "--history", "jdbc:h2:file:" + dir.resolve("h/h"))));
        out.add(new Case("history-diff-one", dir -> List.of("history", "diff", "1", "--history", "jdbc:h2:file:" + dir.resolve("h/h"))));
        out.add(args("rules-show-unknown", "rules", "show", "host.nothing-like-this"));
        return out;
    }

    private static String withLang(List<String> args, String lang) {
        return String.join(" ", args) + " --lang " + lang;
    }

    private static List<String> plus(List<String> args, String lang) {
        List<String> out = new ArrayList<>(args);
        out.add("--lang");
        out.add(lang);
        return out;
    }

    /** The message without its quoted values, paths and option names: what is left is the sentence. */
    private static String sentence(String err) {
        return err.replaceAll("'[^']*'", "''").replaceAll("\\S*/\\S*", "/").replaceAll("--[a-z-]+", "--");
    }

    private void assertGermanRefusal(String name, List<String> args) {
        CliTest.Run en = CliTest.run(plus(args, "en").toArray(String[]::new));
        CliTest.Run de = CliTest.run(plus(args, "de").toArray(String[]::new));
        assertEquals(2, en.code(), name + ": " + withLang(args, "en") + "\n" + en.err());
        assertEquals(2, de.code(), name + ": " + de.err());
        assertFalse(de.err().contains("\tat "), de.err());
        assertNotEquals(en.err(), de.err(), name + ": the German message is the English one");
        Matcher english = ENGLISH.matcher(sentence(de.err()));
        assertFalse(english.find(), name + ": English word '" + (english.find(0) ? english.group() : "") + "' in\n" + de.err());
        Matcher where = FILE_LINE.matcher(en.err());
        if (where.find()) {
            assertTrue(de.err().startsWith("tomaudit: " + where.group(1) + ": "), name + ": file and line in front\n"
                    + en.err() + de.err());
        }
        assertTrue(de.err().lines().count() <= 2, de.err());
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedInGermanWithFileAndLineInFront() {
        return badInputs().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path dir = Files.createDirectories(tmp.resolve("case-" + c.name().replace('/', '-')));
            assertGermanRefusal(c.name(), c.args().apply(dir));
        }));
    }

    @TestFactory
    Stream<DynamicTest> theHostileCorpusRefusalsAreGermanToo() throws Exception {
        return HostileCorpus.cases(tmp.resolve("hostile"), 1).stream()
                .filter(c -> c.expect() == HostileCorpus.Expect.REFUSED)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> assertGermanRefusal(c.name(), c.args())));
    }

    /** English as before, byte for byte (other tests pin parts of these; here whole lines). */
    @Test
    void englishIsUnchanged() throws Exception {
        Path inv = write(tmp, "inv.yaml", "targets:\n  - name: a\n    adress: ssh://x@y\n");
        assertEquals("tomaudit: " + inv + ":3: unknown key (known: address, identity, kinds, name, sudo, tags, variables)\n",
                CliTest.run("audit", "--lang", "en", "--inventory", inv.toString()).err());
        assertEquals("tomaudit: Unknown option: '--frobnicate'\nTry 'tomaudit audit --help' for more information.\n",
                CliTest.run("audit", "--lang", "en", "--frobnicate").err());
        assertEquals("tomaudit: Invalid value for option '--parallel': 'zero' is not an int\n"
                + "Try 'tomaudit audit --help' for more information.\n", CliTest.run("audit", "--lang", "en", "--parallel", "zero").err());
        Path ini = write(tmp, "f.ini", "[web]\nh1\n[prod:children]\nweb\nxyz\n");
        assertEquals("tomaudit: " + ini + ":5: section [prod:children] names group 'xyz', which is declared nowhere\n",
                CliTest.run("audit", "--lang", "en", "--inventory", ini.toString()).err());
        Path w = write(tmp, "w.yaml", "waivers:\n  - rule: host.x\n    justification: j\n    approver: a\n    expires: 2001-01-01\n");
        assertTrue(CliTest.run("audit", "--lang", "en", "--waivers", w.toString()).err().matches("tomaudit: " + Pattern.quote(w.toString())
                + ":5: expires 2001-01-01 had already passed when the file was written \\(\\d{4}-\\d\\d-\\d\\d\\): a waiver must "
                + "expire in the future\n"));
        assertEquals("tomaudit: /dev/zero: is not a regular file (a device, FIFO or socket)\n",
                CliTest.run("audit", "--lang", "en", "--waivers", "/dev/zero").err());
        assertEquals("tomaudit: unknown target 'ftp://x' (use local, dir:/path, ssh://user@host[:port], user@host or "
                + "bundle:/path.tar.gz)\n", CliTest.run("audit", "--lang", "en", "ftp://x").err());
        CliTest.Run rules = CliTest.run("rules", "show", "host.ssh-password-auth", "--lang", "en");
        assertTrue(rules.out().startsWith("host.ssh-password-auth  (high)\n  title:        "), rules.out());
        assertTrue(rules.out().contains("\n  source:       builtin:rules/host/ssh-password-auth.yaml:"), rules.out());
        assertTrue(CliTest.run("rules", "list", "--lang", "en").out().contains(
                String.format("%-36s %-9s ", "host.ssh-password-auth", "high")));
        String dry = CliTest.run("audit", "--dry-run", "--lang", "en", "dir:" + tmp).out();
        assertTrue(dry.startsWith("# dry run: nothing below is read, run or contacted\ntarget dir:" + tmp + "\n"
                + "  # products are detected first; their collectors run only when detected\n"), dry);
        assertTrue(dry.contains("# detect: mastodon"), dry);
    }

    private static final Path MAIN = de.tomaudit.testsupport.TestPaths.repo().resolve("agent/src/main/java/de/tomaudit");
    /** Where the loaders of the agent's own files, the options and the CLI's commands build their errors. */
    private static final List<String> LOADERS = List.of("fleet", "waiver", "policy", "agentfile", "parse/yaml", "rules", "cli",
            "history", "target/bundle", "audit/TargetSpec.java", "probe/ProbeSpec.java", "mastodondb/MastodonDbSettings.java",
            "target/ssh/ClientConfig.java", "report/StoredResult.java");
    private static final Pattern THROWN = Pattern.compile("(new (Usage|Inventory|Yaml|PolicyFile|RuleFile|AgentFile|Bundle|History|"
            + "StoredResult|SshConnect)Exception\\(|\\.error\\(|new IllegalArgumentException\\()");
    private static final Pattern PROSE = Pattern.compile("\"[^\"]*\\b[a-z]{2,} [a-z]{2,}\\b[^\"]*\"");
    /** Errors no user meets: the jar's own built-in packs, the generator of scripts/collect.sh, caught at once. */
    private static final List<String> INTERNAL = List.of("built-in rule", "the built-in rule packs", "planned command",
            "planned path", "** must be", "glob component", "parallel must be at least 1", "info findings never fail");

    /** No English sentence in an error a loader or the CLI throws: each is a message key (the test above finds them by running). */
    @Test
    void theLoadersBuildNoEnglishErrorsInCode() throws Exception {
        List<String> prose = new ArrayList<>();
        for (String part : LOADERS) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(part))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        Matcher t = THROWN.matcher(line);
                        if (!t.find()) {
                            continue;
                        }
                        String call = line.substring(t.start()) + (i + 1 < lines.size() ? " " + lines.get(i + 1).strip() : "");
                        Matcher p = PROSE.matcher(call);
                        if (p.find() && !call.contains("AuditTexts.get(") && INTERNAL.stream().noneMatch(call::contains)) {
                            prose.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + p.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), prose);
    }

    @Test
    void aWrongLangIsRefusedInTheLanguageOfLang() {
        // --lang fr names no language: the message is in LANG's (en in the test JVM unless LANG says de)
        String lang = Main.language(new String[0], System.getenv());
        CliTest.Run r = CliTest.run("audit", "--lang", "fr");
        assertEquals(2, r.code());
        assertEquals(lang.equals("de") ? "tomaudit: --lang muss de oder en sein, nicht 'fr'\n" : "tomaudit: --lang must be de or en, not 'fr'\n",
                r.err());
    }

    @Test
    void theLanguageComesFromLangUnlessLangIsGiven() {
        Map<String, String> de = Map.of("LANG", "de_DE.UTF-8");
        Map<String, String> c = Map.of("LANG", "C.UTF-8");
        assertEquals("de", Main.language(new String[] {"audit"}, de));
        assertEquals("en", Main.language(new String[] {"audit"}, c));
        assertEquals("en", Main.language(new String[] {"audit"}, Map.of()));
        assertEquals("en", Main.language(new String[] {"audit", "--lang", "en"}, de));
        assertEquals("de", Main.language(new String[] {"history", "list", "--lang=de"}, c));
        assertEquals("de", Main.language(new String[] {"audit", "--lang", "fr"}, de), "a wrong --lang: LANG decides");
        assertEquals("en", Main.language(new String[] {"audit", "--", "--lang", "de"}, c), "after --: a target, not an option");
    }

    @Test
    void historyCommandsSpeakGermanAndTheirJsonIsTheSameInBothLanguages() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("web1/etc/ssh")).getParent().getParent();
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("low.yaml"), """
                id: host.test-root-login-off
                severity: low
                title: {en: root login off, de: root-Login aus}
                remediation: {en: turn it off, de: ausschalten}
                tom: {gdpr: [art32-1b], sdm: [vertraulichkeit], kontrolle: [zugangskontrolle]}
                when: sshd.installed
                notApplicable: {en: no sshd, de: kein sshd}
                condition: "sshd.permitrootlogin == 'no'"
                """);
        String history = "jdbc:h2:file:" + tmp.resolve("history/h");
        CliTest.Run empty = CliTest.run("history", "list", "--history", history, "--lang", "de");
        assertEquals("Noch keine Läufe gespeichert.\n", empty.out(), empty.err());
        for (String login : List.of("no", "yes")) {
            Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin " + login + "\n");
            CliTest.Run a = CliTest.run("audit", "dir:" + root, "--kind", "host", "--rules", rules.toString(), "--fail-on",
                    "critical", "--history", history, "--lang", "de", "--fail-on-regression");
            assertTrue(a.code() <= 1, a.err());
            if (login.equals("yes")) {
                assertTrue(a.err().contains("tomaudit: Verschlechterung: web1: host.test-root-login-off bestand in Lauf 1 und "
                        + "besteht jetzt nicht"), a.err());
            }
        }
        CliTest.Run list = CliTest.run("history", "list", "--history", history, "--lang", "de");
        assertTrue(list.out().startsWith("LAUF   BEGONNEN             BEENDET                ZIELE MÄNGEL ERFÜLLT  RUNDE\n"), list.out());
        CliTest.Run listEn = CliTest.run("history", "list", "--history", history, "--lang", "en");
        assertTrue(listEn.out().startsWith("RUN    STARTED              FINISHED             TARGETS   FAIL   PASS  ROUND\n"), listEn.out());

        CliTest.Run diff = CliTest.run("history", "diff", "--history", history, "--lang", "de");
        assertTrue(diff.out().contains("web1  (Lauf 1 -> Lauf 2)  vollständig\n"), diff.out());
        assertTrue(diff.out().contains("  schlechter niedrig  host.test-root-login-off  bestanden -> nicht bestanden  root-Login aus"),
                diff.out());
        assertTrue(diff.out().contains("Gesamt: 2 schlechter, 0 neu, 0 behoben bei 1 Zielen"), diff.out());
        assertFalse(ENGLISH.matcher(diff.out()).find() || diff.out().contains("regressed") || diff.out().contains("Total"), diff.out());
        CliTest.Run diffEn = CliTest.run("history", "diff", "--history", history, "--lang", "en");
        assertTrue(diffEn.out().contains("web1  (run 1 -> run 2)  complete\n"), diffEn.out());
        assertTrue(diffEn.out().contains("\n  regressed low      host.test-root-login-off  pass -> fail  root-Login aus\n"), diffEn.out());
        assertTrue(diffEn.out().contains("Total: 2 regressed, 0 new, 0 fixed over 1 targets"), diffEn.out());

        for (List<String> json : List.of(List.of("list"), List.of("diff"), List.of("diff", "1", "2"), List.of("show", "2"),
                List.of("prune", "--keep-runs", "1", "--dry-run"))) {
            List<String> a = new ArrayList<>(List.of("history"));
            a.addAll(json);
            a.addAll(List.of("--history", history, "--format", "json"));
            assertEquals(CliTest.run(plus(a, "en").toArray(String[]::new)).out(), CliTest.run(plus(a, "de").toArray(String[]::new)).out(),
                    "language-neutral JSON: " + a);
        }
        CliTest.Run show = CliTest.run("history", "show", "2", "--history", history, "--lang", "de");
        assertTrue(show.out().contains("nicht bestanden"), show.out());
        CliTest.Run prune = CliTest.run("history", "prune", "--keep-runs", "1", "--dry-run", "--history", history, "--lang", "de");
        assertEquals("Würde 1 Läufe entfernen (darunter 0 Runden), 1 Zielergebnisse; 1 Läufe blieben.\n", prune.out(), prune.err());
        CliTest.Run pruneEn = CliTest.run("history", "prune", "--keep-runs", "1", "--dry-run", "--history", history, "--lang", "en");
        assertEquals("Would remove 1 runs (0 rounds among them), 1 target results; 1 runs kept.\n", pruneEn.out(), pruneEn.err());
    }

    @Test
    void aRefusedBundleIsExplainedInGerman() throws Exception {
        Path notGzip = write(tmp, "b.tar.gz", "plain text");
        CliTest.Run de = CliTest.run("audit", "bundle:" + notGzip, "--kind", "host", "--lang", "de", "--no-history", "--format", "json");
        assertEquals(3, de.code(), de.err());
        assertTrue(de.out().contains("ist nicht gzip-komprimiert: ein Bündel ist das .tar.gz, das scripts/collect.sh schreibt"),
                de.out());
        CliTest.Run en = CliTest.run("audit", "bundle:" + notGzip, "--kind", "host", "--lang", "en", "--no-history", "--format", "json");
        assertTrue(en.out().contains("is not gzip-compressed: a bundle is the .tar.gz written by scripts/collect.sh"), en.out());
        CliTest.Run dir = CliTest.run("audit", "bundle:" + tmp, "--kind", "host", "--lang", "de", "--no-history", "--format", "json");
        assertTrue(dir.out().contains("ist ein Verzeichnis, kein Bündel (für ein Verzeichnis: dir:)"), dir.out());
    }

    @Test
    void rulesCheckSpeaksGerman() throws Exception {
        Path pack = Files.createDirectories(tmp.resolve("check/pack"));
        write(pack, "ok.yaml", RULE_OK);
        write(pack, "tests/ok.yaml", "rule: host.test-ok\ncases:\n  - name: always\n    facts: {}\n    expect: fail\n");
        CliTest.Run de = CliTest.run("rules", "check", pack.toString(), "--lang", "de");
        assertEquals(1, de.code(), de.err());
        assertTrue(de.out().contains("NICHT BESTANDEN host.test-ok / always ("), de.out());
        assertTrue(de.out().contains("): erwartet fail, erhalten pass"), de.out());
        assertTrue(de.out().contains("braucht mindestens einen Fall, der besteht, und einen, der fail ergibt (hat: [pass])"), de.out());
        assertTrue(de.out().endsWith("Regeln: 0 bestanden, 2 nicht bestanden\n"), de.out());
        CliTest.Run en = CliTest.run("rules", "check", pack.toString(), "--lang", "en");
        assertTrue(en.out().contains("FAIL host.test-ok / always ("), en.out());
        assertTrue(en.out().contains("): expected fail, got pass"), en.out());
        assertTrue(en.out().contains("needs at least one case that passes and one that gives fail (has: [pass])"), en.out());
        assertTrue(en.out().endsWith("rules: 0 passed, 2 failed\n"), en.out());
        write(pack, "tests/bad.yaml", "rule: host.test-ok\ncases:\n  - name: x\n    facts: {a: }\n    expect: pass\n");
        assertGermanRefusal("rules check", List.of("rules", "check", pack.toString()));
    }

    @Test
    void rulesListAndShowSpeakGerman() {
        CliTest.Run show = CliTest.run("rules", "show", "host.ssh-password-auth", "--lang", "de");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().startsWith("host.ssh-password-auth  (hoch)\n  Titel:        "), show.out());
        for (String label : List.of("title:", "remediation:", "references:", "condition:", "source:", "when:")) {
            assertFalse(show.out().contains("  " + label), label + " in\n" + show.out());
        }
        assertTrue(show.out().contains("\n  Quelle:       builtin:rules/host/ssh-password-auth.yaml:"), show.out());
        CliTest.Run list = CliTest.run("rules", "list", "--lang", "de");
        assertTrue(list.out().contains(String.format("%-36s %-9s ", "host.ssh-password-auth", "hoch")), list.out());
        assertFalse(list.out().contains(" high "), "severities in German");
    }

    @Test
    void theDryRunCommentsAreGermanButTheCollectionScriptStaysEnglish() {
        String de = CliTest.run("audit", "--dry-run", "--lang", "de", "dir:" + tmp).out();
        assertTrue(de.startsWith("# Probelauf: nichts hiervon wird gelesen, ausgeführt oder kontaktiert\nZiel dir:" + tmp + "\n"
                + "  # zuerst werden die Produkte erkannt; ihre Sammler laufen nur, wenn sie erkannt sind\n"), de);
        assertTrue(de.contains("# Erkennung: mastodon"), de);
        assertFalse(de.contains("dry run") || de.contains("# detect:") || de.contains("only when"), de);
        String ssh = CliTest.run("audit", "--dry-run", "--lang", "de", "--kind", "host", "ssh://audit@host.invalid").out();
        assertTrue(ssh.contains("  # SSH audit@host.invalid:22, eine Verbindung, Anmeldung mit öffentlichem Schlüssel"), ssh);
        assertFalse(ssh.contains("one connection") || ssh.contains("keys offered") || ssh.contains("without an SFTP"), ssh);
        // every purpose of every plan (all kinds, an SSH, a local and a dir: target, the live phase) has its German text
        List<String> all = List.of("audit", "--dry-run", "local", "ssh://audit@host.invalid", "dir:" + tmp, "--mastodon-db",
                "jdbc:postgresql://db.invalid/m");
        List<String> enLines = CliTest.run(plus(all, "en").toArray(String[]::new)).out().lines().toList();
        List<String> deLines = CliTest.run(plus(all, "de").toArray(String[]::new)).out().lines().toList();
        assertEquals(enLines.size(), deLines.size());
        Pattern purpose = Pattern.compile("  # ([a-z-]+|Erkennung): (.*)$");
        List<String> english = new ArrayList<>();
        for (int i = 0; i < enLines.size(); i++) {
            Matcher e = purpose.matcher(enLines.get(i));
            Matcher d = purpose.matcher(deLines.get(i));
            if (e.find() && d.find() && e.group(2).equals(d.group(2)) && !e.group(1).equals("detect")) {
                english.add(enLines.get(i));
            }
        }
        assertEquals(List.of(), english, "purposes without a German text (plan.* in the bundles, PlanTexts)");
        assertEquals(CliTest.run("audit", "--dry-run", "--format", "sh", "--lang", "en").out(),
                CliTest.run("audit", "--dry-run", "--format", "sh", "--lang", "de").out(), "scripts/collect.sh is English");
    }
}
