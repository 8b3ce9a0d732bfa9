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

    @Test
    void theBuildsIndexReadsTheSameRulesAsTheRepositorysFolder() throws Exception {
        // the built-in packs come through rules/INDEX (written by the build); the repository's rules/ folder,
        // read as a user folder, must give the very same rules: none missing from the index, none extra
        List<Rule> viaIndex = RuleLoader.loadBuiltIn();
        List<Rule> viaFolder = RuleLoader.loadDirectory(de.tomaudit.testsupport.TestPaths.repo().resolve("rules"));
        assertEquals(viaFolder.stream().map(Rule::id).sorted().toList(), viaIndex.stream().map(Rule::id).sorted().toList());
        for (Rule r : viaIndex) {
            assertTrue(r.source().startsWith("builtin:rules/" + r.pack() + "/"), r.source());
            Rule same = viaFolder.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
            assertEquals(same.condition().text(), r.condition().text(), r.id());
            assertEquals(same.severity(), r.severity(), r.id());
        }
    }

    @Test
    void builtInExpressionsCompileOnFirstUseAndEveryOneCompiles(@TempDir Path user) throws Exception {
        List<Rule> builtIn = RuleLoader.loadBuiltIn();
        List<Rule> judged = builtIn.stream().filter(r -> !r.manual()).toList();
        assertTrue(judged.size() > 50, "built-in rules: " + judged.size());
        // rules list and report --from read the built-in rules without compiling one expression
        assertTrue(judged.stream().noneMatch(r -> r.condition().isCompiled()), "a built-in condition was compiled on load");
        // the audit's background compile: every expression of every built-in rule compiles
        RuleLoader.precompile(builtIn);
        assertTrue(judged.stream().allMatch(r -> r.condition().isCompiled()));
        assertTrue(builtIn.stream().flatMap(r -> r.grades().stream()).allMatch(g -> g.when().isCompiled()));

        // a user's rule is compiled as it is read: its error names file and line before any audit work
        Files.createDirectories(user.resolve("mine"));
        Files.writeString(user.resolve("mine/bad.yaml"), """
                id: mine.bad
                severity: low
                title: {en: t, de: t}
                remediation: {en: r, de: r}
                tom: {gdpr: [art32-1b]}
                condition: "x == == 1"
                """);
        RuleFileException e = org.junit.jupiter.api.Assertions.assertThrows(RuleFileException.class,
                () -> RuleLoader.loadDirectory(user));
        assertTrue(e.getMessage().contains("bad.yaml:6"), e.getMessage());
    }
}
