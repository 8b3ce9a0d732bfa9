package de.tomaudit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.collect.bbb.BbbRoot;
import de.tomaudit.collect.mastodon.MastodonRulesOnFixtureTest;
import de.tomaudit.facts.Evidence;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence texts the application collectors write (ejabberd, Prosody, Mastodon, BigBlueButton,
 * the privacy-notice claims) follow {@code --lang}: each app fixture is audited in German and in
 * English, and an evidence text (or the words of a {@code default:} source) that is the same in
 * both and still holds English words is an English string in code. Purely technical texts
 * ({@code key: value}, values, file lists) are the same in both languages by design; the few that
 * read like words are in {@link #TECHNICAL}.
 */
public class AppEvidenceLanguageTest {
    private static final Set<String> APPS = Set.of("ejabberd", "prosody", "mastodon", "bbb", "policy");
    /** Words that make an unchanged text English (technical tokens are taken out first). */
    private static final Set<String> ENGLISH = Set.of("a", "an", "the", "is", "are", "was", "not", "no", "none", "set",
            "unset", "every", "each", "in", "on", "of", "by", "with", "without", "to", "for", "at", "but", "and", "or",
            "nothing", "kept", "forever", "receives", "defined", "listens", "started", "takes", "random", "interface",
            "problems", "resolved", "evaluated", "files", "file", "scheduled", "missing", "found", "enabled", "loaded",
            "configured", "installed", "older", "than", "days", "hours", "only", "any", "defaults",
            "unstated", "stated", "claims", "keeps", "written", "logged", "logs", "log", "stored", "store",
            "uploads", "recordings", "deleted", "deletes", "runs", "run", "job", "jobs", "after", "before", "when",
            "host", "hosts", "entries", "entry", "module", "modules", "listener", "port", "value", "values", "unknown",
            "secret", "secrets", "empty", "length", "characters", "which", "how", "long", "whether", "privacy", "notice",
            "unreadable", "readable", "exists", "exist", "does", "do", "has", "have", "can", "cannot", "own", "until",
            "contains", "holds", "blank", "weak", "strong", "sample", "template", "allowed", "denied",
            "from", "over", "under", "remote");
    /** Unchanged texts that read like words but are configuration: an ejabberd api_permissions entry. */
    private static final List<Pattern> TECHNICAL = List.of(
            Pattern.compile("api_permissions '[^']*': from .*"));
    /**
     * Texts the host collectors (processes, nginx, logrotate) write into findings of these packs: they are
     * turned into message keys with collect/host (helper i18n-host); drop a line here once its text is.
     */
    private static final List<Pattern> HOST_WRITTEN = List.of(
            Pattern.compile("running processes cannot be seen on .*"),
            Pattern.compile("nginx access log \\S+: not rotated by logrotate"),
            Pattern.compile("nginx access_log \\S+ combined \\(no access_log set\\)"),
            Pattern.compile("server \\S+ listen .*"));
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadBuiltIn();
    }

    @Test
    void ejabberdAndProsodyFixturesGiveEvidenceInTheAuditsLanguage(@TempDir Path tmp) throws Exception {
        Path report = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/report");
        List<String> english = new ArrayList<>();
        int compared = 0;
        for (String variant : List.of("weak", "hardened", "nologrotate")) {
            compared += compare(report.resolve(variant), Optional.empty(), english);
        }
        compared += compare(copy("parse/lua", tmp.resolve("lua"), "etc/prosody"), Optional.empty(), english);
        compared += compare(copy("parse/ejabberd", tmp.resolve("ej"), "etc/ejabberd"), Optional.empty(), english);
        assertEquals(List.of(), english);
        assertTrue(compared > 100, "evidence lines compared: " + compared);
    }

    @Test
    void debianPackageFilesGiveEvidenceInTheAuditsLanguage() throws Exception {
        List<String> english = new ArrayList<>();
        compare(TestPaths.debianRoot(), Optional.empty(), english);
        assertEquals(List.of(), english);
    }

    @Test
    void privacyNoticeClaimsGiveEvidenceInTheAuditsLanguage() throws Exception {
        Path report = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/report");
        List<String> english = new ArrayList<>();
        int compared = 0;
        for (String example : List.of("001-5222.de.yaml", "002-jotwewe.de.yaml")) {
            PolicyClaims claims = PolicyFile.load(TestPaths.repo().resolve("examples/policy/" + example));
            compared += compare(report.resolve("nologrotate"), Optional.of(claims), english);
        }
        assertEquals(List.of(), english);
        assertTrue(compared > 10, "evidence lines compared: " + compared);
    }

    @Test
    void mastodonAndBigBlueButtonUpstreamFilesGiveEvidenceInTheAuditsLanguage(@TempDir Path tmp) throws Exception {
        List<String> english = new ArrayList<>();
        compare(MastodonRulesOnFixtureTest.root(tmp.resolve("mastodon"), false), Optional.empty(), english);
        Path bbb = BbbRoot.upstream(tmp.resolve("bbb")).root;
        PolicyClaims claims = PolicyFile.load(TestPaths.repo().resolve("examples/policy/003-beratung-bbb.de.yaml"));
        compare(bbb, Optional.of(claims), english);
        assertEquals(List.of(), english);
    }

    /** Copies a parser fixture to {@code at} below {@code root} (as EvidenceInvariantTest does). */
    private static Path copy(String fixture, Path root, String at) throws Exception {
        Path from = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/" + fixture);
        try (var files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("FuzzTestInputs")).toList()) {
                Path dest = root.resolve(at).resolve(from.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest);
            }
        }
        if (fixture.endsWith("lua")) {
            Files.writeString(root.resolve(at).resolve("admins.txt"), "admin@example.org\n");
        }
        return root;
    }

    /** Audits {@code root} in de and en; adds each app evidence text that stays English to {@code english}. */
    private static int compare(Path root, Optional<PolicyClaims> policy, List<String> english) throws Exception {
        Map<String, Finding> en = audit(root, "en", policy);
        Map<String, Finding> de = audit(root, "de", policy);
        int compared = 0;
        for (Finding f : en.values()) {
            if (!APPS.contains(f.ruleId().substring(0, f.ruleId().indexOf('.')))) {
                continue;
            }
            List<Evidence> a = f.evidence();
            List<Evidence> b = de.get(f.ruleId()).evidence();
            assertEquals(a.size(), b.size(), f.ruleId() + " has as many evidence lines in de as in en");
            for (int i = 0; i < a.size(); i++) {
                compared++;
                check(f.ruleId(), a.get(i).value(), b.get(i).value(), english);
                check(f.ruleId(), words(a.get(i).source()), words(b.get(i).source()), english);
            }
        }
        return compared;
    }

    private static void check(String rule, String en, String de, List<String> english) {
        if (en.equals(de) && isEnglish(en) && Stream.concat(TECHNICAL.stream(), HOST_WRITTEN.stream()).noneMatch(p -> p.matcher(en).matches())) {
            english.add(rule + ": " + en);
        }
    }

    /** The words of a source: what a {@code default:} source says after its marker; not a path or a list searched. */
    private static String words(String source) {
        return source.startsWith("/") || source.startsWith("searched: ") ? "" : source.replaceFirst("^[a-z]+: ", "");
    }

    /** English words left after technical tokens (paths, key=value, names with _ . : digits) are taken out. */
    public static boolean isEnglish(String text) {
        Set<String> left = new TreeSet<>();
        TOKEN.matcher(text).results().map(m -> m.group().replaceAll("^[(\\[{\"',;]+|[)\\]}\"',;:]+$", ""))
                .filter(t -> WORD.matcher(t).matches())
                .forEach(t -> left.add(t.toLowerCase(java.util.Locale.ROOT)));
        return left.stream().anyMatch(ENGLISH::contains);
    }

    private static Map<String, Finding> audit(Path root, String lang, Optional<PolicyClaims> policy) throws Exception {
        AuditOptions options = new AuditOptions(Set.of(), rules, List.of(), lang, 1, Limits.DEFAULT,
                de.tomaudit.target.ssh.SshOptions.defaults(), policy);
        TargetResult t = new TargetAuditor().audit(new DirTarget(root, Limits.DEFAULT), options);
        return t.findings().stream().collect(Collectors.toMap(Finding::ruleId, Function.identity(), (x, y) -> x,
                java.util.LinkedHashMap::new));
    }

    @Test
    void theHeuristicTellsEnglishFromTechnicalText() {
        assertTrue(isEnglish("ERL_DIST_PORT unset: EPMD is started on port 4369 and the node takes a random port"));
        assertTrue(!isEnglish("auth_password_format: scram") && !isEnglish("mnesia") && !isEnglish("loglevel: info"));
        assertTrue(!isEnglish("ejabberd_http :::5443 handler /api=mod_http_api"));
        assertTrue(Arrays.asList("localhost: mod_mam not in modules").stream().allMatch(AppEvidenceLanguageTest::isEnglish));
    }
}
