package de.tomaudit.collect.host;

import de.tomaudit.facts.FactSet;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleParser;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;

/** Evaluates one shipped rule of rules/host/ against facts a collector really produced. */
final class HostRuleFixture {

    private HostRuleFixture() { }

    static Evaluation evaluate(String ruleFile, FactSet facts) throws Exception {
        Path file = TestPaths.repo().resolve("rules/host").resolve(ruleFile);
        return RuleEvaluator.evaluate(RuleParser.parse(file.toString(), Files.readString(file)), facts);
    }
}
