package de.tomaudit.collect.mastodon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 9: the README maps the Stiftung Datenschutz checklist ("Datenschutz bei Mastodon",
 * V1.1) item by item to the rule or org item that covers it. Every id the table names is a rule of
 * this build, and the checklist's machine-checkable and organisational items are all there.
 */
class MastodonChecklistTableTest {
    private static final Pattern ID = Pattern.compile("`((?:mastodon|policy|host|org|tls|http)\\.[a-z0-9*-]+)`");

    @Test
    void everyChecklistRowNamesRulesThatExist() throws Exception {
        String readme = Files.readString(TestPaths.repo().resolve("README.md"));
        int start = readme.indexOf("### Mastodon and the Stiftung Datenschutz checklist");
        assertTrue(start >= 0, "the README has the checklist section");
        List<String> rows = readme.substring(start).lines().dropWhile(l -> !l.startsWith("|"))
                .takeWhile(l -> l.startsWith("|")).skip(2).toList();
        assertTrue(rows.size() >= 20, rows.size() + " rows");
        Set<String> ids = RuleLoader.loadBuiltIn().stream().map(Rule::id).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            Matcher m = ID.matcher(row);
            boolean any = false;
            while (m.find()) {
                any = true;
                String id = m.group(1);
                boolean known = id.endsWith("*") ? ids.stream().anyMatch(i -> i.startsWith(id.substring(0, id.length() - 1)))
                        : ids.contains(id);
                if (!known) {
                    unknown.add(id);
                }
            }
            assertTrue(any, "every row names a rule or org item: " + row);
        }
        assertTrue(unknown.isEmpty(), "ids in the README checklist that are no rule: " + unknown);
        String table = String.join("\n", rows);
        for (String covered : List.of("mastodon.contact", "mastodon.privacy-policy", "mastodon.terms", "mastodon.server-rules",
                "mastodon.ip-retention", "mastodon.admin-2fa", "mastodon.nginx-tls", "mastodon.cert-renewal",
                "mastodon.sudo-admins", "org.processor-contract", "org.records-of-processing", "org.dpo",
                "org.access-requests", "org.supervisory-authority")) {
            assertTrue(table.contains("`" + covered + "`"), covered + " is in the table");
        }
    }
}
