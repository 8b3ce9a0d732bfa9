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
}
