package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every failed finding starts with one line that says why in words, in English and in German
 * (issue 12, point 3): for every failing case of every pack and for the weak and hardened report
 * fixtures, the why-line is there and shows no piece of a rule's expression (a lambda, a
 * {@code t:} function, an operator, "does not meet").
 */
class WhyInWordsTest {

    /** Pieces of expression syntax a why-line in words never contains. */
    static final Pattern EXPRESSION = Pattern.compile("->|\\bt:|&&|\\|\\||=~|=\\^|=\\$|does not meet|erfüllt nicht");

    static String problem(String en, String de) {
        List<String> bad = new ArrayList<>();
        for (String line : List.of(en, de)) {
            if (line == null || line.isBlank() || EXPRESSION.matcher(line).find()) {
                bad.add("'" + line + "'");
            }
        }
        return bad.isEmpty() ? "" : "why-line empty or in expression syntax: " + String.join(" / ", bad);
    }

    @TestFactory
    Stream<DynamicTest> everyFailingCaseOfEveryPackSaysWhyInWordsInBothLanguages() throws Exception {
        Path rules = TestPaths.repo().resolve("rules");
        List<Path> packs;
        try (Stream<Path> s = Files.list(rules)) {
            packs = s.filter(Files::isDirectory).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path pack : packs) {
            Map<String, Rule> byId = new LinkedHashMap<>();
            RuleLoader.loadDirectory(pack).forEach(r -> byId.put(r.id(), r));
            for (Path f : RuleLoader.yamlFiles(pack, true)) {
                for (RuleCase c : RuleCaseParser.parse(RuleLoader.display(f), RuleLoader.readText(f))) {
                    Rule rule = byId.get(c.ruleId());
                    if (rule == null) {
                        continue;
                    }
                    Evaluation e = RuleEvaluator.evaluate(rule, c.facts());
                    if (e.status() != Status.FAIL) {
                        if (c.expect() == Status.FAIL) {
                            tests.add(DynamicTest.dynamicTest(c.ruleId() + ": " + c.name(), () -> assertTrue(false,
                                    c.source() + ": expected a failure, got " + e.status().json() + ": " + e.reason())));
                        }
                        continue;
                    }
                    String problem = problem(e.why().en(), e.why().de());
                    tests.add(DynamicTest.dynamicTest(c.ruleId() + ": " + c.name(),
                            () -> assertTrue(problem.isEmpty(), c.source() + ": " + problem)));
                }
            }
        }
        assertTrue(tests.size() > 150, "failing cases: " + tests.size());
        return tests.stream();
    }

    @ParameterizedTest
    @CsvSource({"weak", "hardened"})
    void everyFailedFindingOfTheReportFixturesSaysWhyInWords(String variant) throws Exception {
        Path dir = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/report").resolve(variant);
        Map<String, String> en = whys(dir, "en");
        Map<String, String> de = whys(dir, "de");
        if (variant.equals("weak")) {
            assertFalse(en.isEmpty(), "the weak fixture fails no rule");
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : en.entrySet()) {
            String p = problem(e.getValue(), de.get(e.getKey()));
            if (!p.isEmpty()) {
                problems.add(e.getKey() + ": " + p);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Map<String, String> whys(Path dir, String lang) throws Exception {
        AuditOptions options = new AuditOptions(Set.of(), RuleLoader.loadBuiltIn(), List.of(), lang, 1, Limits.DEFAULT);
        TargetResult r = new TargetAuditor().audit(new DirTarget(dir, Limits.DEFAULT), options);
        Map<String, String> out = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            if (f.status() == Status.FAIL) {
                out.put(f.ruleId(), f.why());
            }
        }
        return out;
    }
}
