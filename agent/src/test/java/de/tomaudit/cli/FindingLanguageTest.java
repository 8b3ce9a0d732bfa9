package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A German audit gives every rule's own not-applicable reason in German, an English one in English. */
class FindingLanguageTest {
    @TempDir Path tmp;

    @Test
    void theRulesNotApplicableReasonsAreInTheAuditsLanguage() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/etc"));
        Files.writeString(root.resolve("os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        Map<String, Rule> rules = RuleLoader.loadBuiltIn().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
        for (String lang : new String[] {"de", "en"}) {
            Path out = tmp.resolve("result-" + lang + ".json");
            CliTest.Run r = CliTest.run("audit", "dir:" + tmp.resolve("root"), "--no-probe", "--no-history", "--lang", lang,
                    "--format", "json", "--output", out.toString());
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            int checked = 0;
            for (JsonNode f : JsonRenderer.mapper().readTree(out.toFile()).get("targets").get(0).get("findings")) {
                Rule rule = rules.get(f.get("ruleId").asText());
                if (!"not-applicable".equals(f.get("status").asText()) || rule.notApplicable().en().isEmpty()) {
                    continue;
                }
                String reason = f.get("reason").asText();
                if (reason.equals(rule.notApplicable().en()) || reason.equals(rule.notApplicable().de())) {
                    assertEquals(rule.notApplicable().in(lang), reason, rule.id() + " in " + lang);
                    checked++;
                }
            }
            assertTrue(checked > 5, lang + ": rules with their own not-applicable text were looked at: " + checked);
        }
    }
}
