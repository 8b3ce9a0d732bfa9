package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariants over whole audits (not hand-picked cases) of the dir: fixtures, the Debian package
 * files and the parsers' own fixtures ({@link EvidenceInvariantIT}: the test bed's configurations): every {@code file:line}
 * evidence points at a line of that file that holds a word of the evidence (the option's name or
 * value), and no two findings of the run contradict each other about one file (one says a log is
 * rotated by a definition, another that nothing rotates it). A drift in any parser fails here.
 */
class EvidenceInvariantTest {
    private static final Pattern FILE_LINE = Pattern.compile("(?:computed: )?(/[^:\\s]+):(\\d+)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_./@$-]{3,}");

    @ParameterizedTest
    @ValueSource(strings = {"weak", "hardened"})
    void everyFileLineEvidenceHoldsTheOptionAndNoFindingsContradict(String variant) throws Exception {
        assertEquals(List.of(), drift(variant, true));
    }

    /** The Prosody fixture: no contradictions about logrotate files (the symptom of issue 12). */
    @org.junit.jupiter.api.Test
    void prosodyAndTheHostPackAgreeAboutALogrotateFileWithoutLogrotate() throws Exception {
        assertEquals(List.of(), drift("nologrotate", false));
    }

    /** Prosody list entries (modules_enabled) and table fields (log = {…}) cite their own lines. */
    @org.junit.jupiter.api.Test
    void prosodyEvidenceHoldsTheOption() throws Exception {
        assertEquals(List.of(), drift("nologrotate", true));
    }

    /** A Debian 12 host's /etc as the packages leave it (scripts/debian-files): OpenSSH, nginx, Prosody, ejabberd, PostgreSQL. */
    @org.junit.jupiter.api.Test
    void debianPackageFilesEvidenceHoldsTheOption() throws Exception {
        Path root = TestPaths.debianRoot();
        assertEquals(List.of(), drift(auditDir(root), root, true));
    }

    /**
     * The parsers' own fixtures (a Prosody and an ejabberd configuration with the tricky parts of
     * real ones, with their included files), audited as a host's /etc.
     */
    @ParameterizedTest
    @CsvSource({"parse/lua,etc/prosody", "parse/ejabberd,etc/ejabberd"})
    void parserFixturesEvidenceHoldsTheOption(String fixture, String at, @TempDir Path root) throws Exception {
        Path from = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/" + fixture);
        Path to = root.resolve(at);
        try (var files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("FuzzTestInputs")).toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest);
            }
        }
        if (fixture.endsWith("lua")) {
            Files.writeString(to.resolve("admins.txt"), "admin@example.org\n"); // its FileLines("admins.txt")
        }
        assertEquals(List.of(), drift(auditDir(root), root, true));
    }

    /** A whole audit of a dir: root in English. */
    static TargetResult auditDir(Path root) throws Exception {
        DirTarget target = new DirTarget(root, Limits.DEFAULT);
        AuditOptions options = new AuditOptions(Set.of(), RuleLoader.loadBuiltIn(), List.of(), "en", 1, Limits.DEFAULT);
        return new TargetAuditor().audit(target, options);
    }

    private static List<String> drift(String variant, boolean checkLines) throws Exception {
        return drift(ConsoleGoldenTest.audit(variant, "en").targets().get(0), ConsoleGoldenTest.DIR.resolve(variant), checkLines);
    }

    /**
     * Every {@code file:line} (and {@code computed: file:line}) evidence of the target's findings,
     * read below {@code root}, holds a word of the evidence; findings agree about logrotate files.
     */
    static List<String> drift(TargetResult t, Path root, boolean checkLines) throws Exception {
        List<String> drift = new ArrayList<>();
        List<String[]> rotation = new ArrayList<>();
        for (Finding f : t.findings()) {
            for (Evidence e : f.evidence()) {
                Matcher m = FILE_LINE.matcher(e.source());
                if (!m.matches()) {
                    continue;
                }
                Path file = root.resolve(m.group(1).substring(1));
                int line = Integer.parseInt(m.group(2));
                List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
                if (line > lines.size()) {
                    drift.add(f.ruleId() + ": " + e.source() + " is beyond the end of the file");
                    continue;
                }
                String text = lines.get(line - 1).toLowerCase(Locale.ROOT);
                // a word, or the file name of a path (an include line names "tls.yml", the message its full path)
                boolean holds = WORD.matcher(e.value()).results().map(w -> w.group().toLowerCase(Locale.ROOT))
                        .flatMap(w -> Stream.of(w, w.substring(w.lastIndexOf('/') + 1)))
                        .anyMatch(w -> w.length() >= 3 && text.contains(w));
                if (checkLines && (!holds || text.isBlank() || text.strip().startsWith("#") || text.strip().startsWith("--"))) {
                    drift.add(f.ruleId() + ": " + e.source() + " is '" + lines.get(line - 1).strip()
                            + "', which holds nothing of '" + e.value() + "'");
                }
                Matcher def = Pattern.compile("(/etc/logrotate\\.d/\\S+?:\\d+)").matcher(e.value());
                if (def.find()) {
                    rotation.add(new String[] {def.group(1), f.ruleId(), e.value().contains("nothing rotates it") ? "never" : "runs"});
                }
            }
        }
        for (String[] a : rotation) {
            for (String[] b : rotation) {
                if (a[0].equals(b[0]) && !a[2].equals(b[2])) {
                    drift.add(a[1] + " and " + b[1] + " disagree about " + a[0] + " (" + a[2] + " / " + b[2] + ")");
                }
            }
        }
        return drift;
    }
}
