package de.tomaudit.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every case under rules/<pack>/tests/ and requires a pass and a fail case per rule. */
class RuleCasesTest {

    @TestFactory
    Stream<DynamicTest> everyRuleCaseOfEveryPack() throws Exception {
        Path rules = TestPaths.repo().resolve("rules");
        List<Path> packs;
        try (Stream<Path> s = Files.list(rules)) {
            packs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(packs.isEmpty(), "no rule packs under " + rules);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path pack : packs) {
            for (RuleCaseRunner.Outcome o : RuleCaseRunner.check(pack)) {
                tests.add(DynamicTest.dynamicTest(o.ruleId() + ": " + o.name(),
                        () -> assertTrue(o.ok(), o.source() + ": " + o.message())));
            }
        }
        return tests.stream();
    }

    /**
     * Every failing case of the application packs starts its finding with the deciding fact in
     * words, in English and in German: never the rule's expression (issue 12, point 3).
     */
    @TestFactory
    Stream<DynamicTest> everyFailingCaseOfTheApplicationPacksSaysWhyInWords() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String pack : List.of("ejabberd", "prosody", "mastodon", "bbb")) {
            for (RuleCaseRunner.Outcome o : RuleCaseRunner.whyLines(TestPaths.repo().resolve("rules/" + pack))) {
                tests.add(DynamicTest.dynamicTest(o.ruleId() + ": " + o.name(),
                        () -> assertTrue(o.ok(), o.source() + ": " + o.message())));
            }
        }
        assertTrue(tests.size() > 70, "failing cases of the application packs: " + tests.size());
        return tests.stream();
    }
}
