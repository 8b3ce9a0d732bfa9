package de.tomaudit.report.tom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The annex's grouping against the result it comes from: invariants over every vocabulary and language. */
class TomAnnexBuilderTest {
    private static final AuditResult MANY = TomAnnexFixtures.result("result-many.json");

    static Stream<Arguments> groupingsAndLanguages() {
        return Stream.of("kontrolle", "gdpr", "sdm").flatMap(g -> Stream.of(Arguments.of(g, "de"), Arguments.of(g, "en")));
    }

    private static List<TomAnnex.Item> section(TomAnnex.Group g, Status s) {
        return switch (s) {
            case PASS -> g.verified();
            case FAIL -> g.gaps();
            case WAIVED -> g.waived();
            case ERROR -> g.errors();
            case MANUAL -> g.manual();
            case NOT_APPLICABLE -> List.of();
        };
    }

    private static String all(int n, String lang) {
        return TomTexts.of(lang).format("all.targets", n);
    }

    /**
     * Every finding that is not n/a is filed under each category of its tags (or under "further
     * findings" when it has none), in the section of its status, for its target; n/a findings
     * nowhere; and nothing is filed that the result does not hold.
     */
    @ParameterizedTest
    @MethodSource("groupingsAndLanguages")
    void everyFindingIsFiledUnderEachOfItsCategoriesAndNothingElse(String grouping, String lang) {
        TomAnnex a = TomAnnexBuilder.build(MANY, lang, grouping, "");
        TomGrouping vocab = TomGrouping.parse(grouping);
        int audited = (int) MANY.targets().stream().filter(t -> t.status() != TargetStatus.UNREACHABLE).count();
        long expectedEntries = 0;
        for (TargetResult t : MANY.targets()) {
            for (Finding f : t.findings()) {
                List<String> tags = vocab.tags(f.tom());
                List<String> keys = tags.isEmpty() ? List.of(TomAnnexBuilder.OTHER) : tags;
                for (String key : keys) {
                    Optional<TomAnnex.Group> g = a.groups().stream().filter(x -> x.key().equals(key)).findFirst();
                    if (f.status() == Status.NOT_APPLICABLE) {
                        g.ifPresent(x -> Stream.of(Status.values()).forEach(s -> assertTrue(section(x, s).stream()
                                .noneMatch(i -> i.ruleId().equals(f.ruleId())), f.ruleId() + " is n/a on " + t.name())));
                        continue;
                    }
                    expectedEntries++;
                    assertTrue(g.isPresent(), "group " + key + " for " + f.ruleId());
                    TomAnnex.Item item = section(g.get(), f.status()).stream().filter(i -> i.ruleId().equals(f.ruleId()))
                            .findFirst().orElseThrow(() -> new AssertionError(f.ruleId() + " missing in " + key));
                    assertTrue(item.occurrences().stream().anyMatch(o -> List.of(o.targets().split(", ")).contains(t.name())
                                    || o.targets().equals(all(audited, lang))),
                            f.ruleId() + " on " + t.name() + " in " + key + ": " + item.occurrences());
                }
            }
        }
        long filed = a.groups().stream().flatMap(g -> Stream.of(Status.values()).flatMap(s -> section(g, s).stream()))
                .flatMap(i -> i.occurrences().stream())
                .mapToLong(o -> o.targets().equals(all(audited, lang)) ? audited : o.targets().split(", ").length).sum();
        assertEquals(expectedEntries, filed, "one entry per finding and category, none invented");
        for (String c : vocab.categories()) {
            assertTrue(a.groups().stream().anyMatch(g -> g.key().equals(c)), "every category of the scheme is listed: " + c);
        }
    }

    @Test
    void theQuestionsToDocumentByHandAreAskedOnceForAllAuditedTargets() {
        TomAnnex a = TomAnnexBuilder.build(MANY, "de", "kontrolle", "Beispielverein e.V.");
        TomAnnex.Group access = a.groups().stream().filter(g -> g.key().equals("zutrittskontrolle")).findFirst().orElseThrow();
        assertEquals(1, access.manual().size());
        TomAnnex.Item item = access.manual().get(0);
        assertEquals("Wo steht der Server, und wer kann ihn physisch erreichen?", item.question());
        assertEquals(List.of("alle geprüften Systeme (2)"), item.occurrences().stream().map(TomAnnex.Occurrence::targets).toList(),
                "the unreachable target is not audited, so not counted");
        // tagged with no control category: under "further findings"
        TomAnnex.Group other = a.groups().get(a.groups().size() - 1);
        assertEquals(TomAnnexBuilder.OTHER, other.key());
        assertTrue(other.manual().stream().anyMatch(i -> i.ruleId().equals("org.records-of-processing")));
        assertEquals("Beispielverein e.V.", a.header().org());
        assertEquals(6, a.counts().manual());
    }

    @Test
    void waiversShowJustificationApproverAndExpiryAndAnExpiredWaiverIsAGap() {
        TomAnnex a = TomAnnexBuilder.build(MANY, "de", "kontrolle", "");
        TomAnnex.Group access = a.groups().stream().filter(g -> g.key().equals("zugangskontrolle")).findFirst().orElseThrow();
        TomAnnex.Occurrence firewall = access.waived().stream().filter(i -> i.ruleId().equals("host.firewall")).findFirst()
                .orElseThrow().occurrences().get(0);
        assertEquals("31.03.2027", firewall.expires());
        assertEquals("Der Hoster filtert vor dem Server (Vertrag vom 01.02.2026).", firewall.justification());
        assertEquals("", firewall.approver());
        TomAnnex.Occurrence registration = access.waived().stream().filter(i -> i.ruleId().equals("prosody.registration"))
                .findFirst().orElseThrow().occurrences().get(0);
        assertEquals("Erika Mustermann", registration.approver());
        assertEquals("31.12.2026", registration.expires());
        assertEquals("chat", registration.targets());
        TomAnnex.Group input = a.groups().stream().filter(g -> g.key().equals("eingabekontrolle")).findFirst().orElseThrow();
        assertTrue(input.gaps().get(0).occurrences().get(0).reason().startsWith("waiver expired on 2026-01-31"));
    }

    @Test
    void gapsComeMostSevereFirstAndTargetsWithDifferentEvidenceAreApart() {
        TomAnnex a = TomAnnexBuilder.build(MANY, "en", "kontrolle", "");
        TomAnnex.Group transfer = a.groups().stream().filter(g -> g.key().equals("weitergabekontrolle")).findFirst().orElseThrow();
        TomAnnex.Item tls = transfer.gaps().get(0);
        assertEquals("tls.protocol-legacy", tls.ruleId());
        assertEquals(List.of("critical", "high"), tls.occurrences().stream().map(TomAnnex.Occurrence::severityKey).toList());
        assertEquals(List.of("social", "chat"), tls.occurrences().stream().map(TomAnnex.Occurrence::targets).toList());
        TomAnnex.Group availability = a.groups().stream().filter(g -> g.key().equals("verfuegbarkeitskontrolle")).findFirst().orElseThrow();
        List<String> order = availability.gaps().stream().map(TomAnnex.Item::ruleId).toList();
        assertEquals("host.backup-present", order.get(0));
    }

    @Test
    void hugeEvidenceIsShortenedWithAVisibleMarkerNeverSilently() {
        TomAnnex a = TomAnnexBuilder.build(MANY, "de", "kontrolle", "");
        TomAnnex.Occurrence backup = a.groups().stream().filter(g -> g.key().equals("verfuegbarkeitskontrolle")).findFirst()
                .orElseThrow().gaps().get(0).occurrences().get(0);
        assertEquals(TomAnnexBuilder.MAX_EVIDENCE_LINES, backup.evidence().size());
        assertEquals("… 194 weitere Belege im JSON-Ergebnis", backup.more());
        TomAnnex.EvidenceLine ip = a.groups().stream().filter(g -> g.key().equals("zugriffskontrolle")).findFirst().orElseThrow()
                .verified().stream().filter(i -> i.ruleId().equals("mastodon.ip-retention")).findFirst().orElseThrow()
                .occurrences().get(0).evidence().get(0);
        assertTrue(ip.value().endsWith("[gekürzt, 5.029 Zeichen]"), ip.value().substring(ip.value().length() - 40));
        assertTrue(ip.value().length() < TomAnnexBuilder.MAX_VALUE_CHARS + 40);
    }

    @Test
    void retentionsInWordsAndIsoWithWhereTheDataWasLookedAt() {
        TomAnnex de = TomAnnexBuilder.build(MANY, "de", "kontrolle", "");
        TomAnnex.RetentionRow ips = de.retentions().get(0);
        assertEquals("365 Tage", ips.period());
        assertEquals("P365D", ips.iso());
        assertEquals("eingestellt", ips.origin());
        assertEquals("400 Tage (P400D)", ips.oldest());
        assertEquals("nein", ips.holds());
        TomAnnex.RetentionRow media = de.retentions().get(1);
        assertEquals("unbegrenzt (keine Löschung)", media.period());
        assertEquals("Voreinstellung", media.origin());
        assertEquals("nicht geprüft", media.checkedIn());
        assertEquals("", media.holds());
        assertEquals("1 Jahr, 2 Monate und 3 Tage", de.retentions().get(4).period());
        TomAnnex en = TomAnnexBuilder.build(MANY, "en", "gdpr", "");
        assertEquals("12 hours", en.retentions().get(3).period());
        assertEquals("kept forever (never deleted)", en.retentions().get(1).period());
        assertEquals("yes", en.retentions().get(2).holds());
        assertEquals(List.of("smtp.mailgun.org", "s3.eu-central-1.wasabisys.com"),
                en.processors().stream().map(TomAnnex.ProcessorRow::host).toList());
    }

    @Test
    void periodWordsAgreeWithTheIsoValue() {
        TomTexts de = TomTexts.of("de");
        TomTexts en = TomTexts.of("en");
        assertEquals("1 Tag", PeriodWords.words("P1D", de));
        assertEquals("7 days", PeriodWords.words("P7D", en));
        assertEquals("1 day and 12 hours", PeriodWords.words("PT36H", en));
        assertEquals("sofort", PeriodWords.words("P0D", de));
        assertEquals("unlimited", PeriodWords.words(null, en));
        assertEquals("not-iso", PeriodWords.words("not-iso", en));
        for (int days : new int[] {1, 2, 7, 14, 30, 90, 365, 400}) {
            String w = PeriodWords.words("P" + days + "D", en);
            assertEquals(days, Integer.parseInt(w.split(" ")[0]), w);
            assertEquals(w, PeriodWords.words("PT" + days * 24 + "H", en), "P" + days + "D and PT" + days * 24 + "H say the same");
        }
    }

    @Test
    void theUnreachableTargetAndThePartialOneAreNamedWithTheirProblems() {
        TomAnnex a = TomAnnexBuilder.build(MANY, "en", "sdm", "");
        assertEquals(List.of("complete", "partial", "unreachable"), a.targets().stream().map(TomAnnex.TargetRow::statusKey).toList());
        assertEquals(List.of("chat", "old-box"), a.problems().stream().map(TomAnnex.Problem::target).toList());
        assertFalse(a.groups().stream().anyMatch(g -> g.key().equals("neuesziel") && g.empty()),
                "a tag of a newer version gets a group of its own");
    }

    @Test
    void anEmptyResultIsStillADocument() {
        TomAnnex a = TomAnnexBuilder.build(TomAnnexFixtures.result("result-empty.json"), "de", "kontrolle", "");
        assertTrue(a.targets().isEmpty());
        assertEquals(12, a.groups().size());
        assertTrue(a.groups().stream().allMatch(TomAnnex.Group::empty));
        assertEquals("(nicht angegeben: mit --org NAME setzen)", a.header().org());
    }
}
