package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in packs parsed only when the audit can evaluate them; user folders always whole. */
class RuleLoaderTest {
    @Test
    void onlyTheAcceptedBuiltInPacksAreParsedUserFoldersAlways(@TempDir Path user) throws Exception {
        Set<String> all = RuleLoader.load(List.of()).stream().map(Rule::pack).collect(Collectors.toSet());
        assertTrue(all.containsAll(Set.of("bbb", "mastodon", "prosody", "host")), all.toString());

        Files.createDirectories(user.resolve("mine"));
        Files.writeString(user.resolve("mine/x.yaml"), """
                id: mastodon.site-extra
                severity: low
                title: { en: extra, de: extra }
                remediation: { en: fix, de: beheben }
                tom: { gdpr: [art32-1b], sdm: [integritaet], kontrolle: [zugangskontrolle] }
                condition: mastodon.installed == true
                evidence: [mastodon.installed]
                """);
        List<Rule> some = RuleLoader.load(List.of(user), pack -> Set.of("bbb", "host").contains(pack));
        Set<String> packs = some.stream().map(Rule::pack).collect(Collectors.toSet());
        assertEquals(Set.of("bbb", "host", "mastodon"), packs, "the user's rule is kept whatever its pack");
        assertEquals(1, some.stream().filter(r -> r.pack().equals("mastodon")).count());
    }
}
