package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stored result rendered in another language than it was audited in ({@code report --from
 * --lang}): the texts a finding took from its rule (title, remediation, the manual question, the
 * not-applicable reason) are put in the document's language. A text is replaced only where it is
 * the rule's own text in one of its languages, so a text that is not the rule's (a waiver's
 * justification, a reason made from what was found, a rule this version does not know) stays as
 * stored. Why-lines are made from the facts at audit time and stay in the audit's language.
 */
public final class RuleTextLanguage {
    private final Map<String, Rule> rules;

    public RuleTextLanguage(List<Rule> rules) {
        this.rules = rules.stream().collect(Collectors.toMap(Rule::id, Function.identity(), (a, b) -> a));
    }

    /** The result with its rule texts in {@code lang}. */
    public AuditResult in(AuditResult result, String lang) {
        List<TargetResult> targets = result.targets().stream().map(t -> new TargetResult(t.name(), t.address(), t.kinds(),
                t.status(), t.errors(), t.findings().stream().map(f -> in(f, lang)).toList(), t.retentions(),
                t.processors())).toList();
        return new AuditResult(result.tool(), result.startedAt(), result.finishedAt(), targets, result.summary());
    }

    private Finding in(Finding f, String lang) {
        Rule r = rules.get(f.ruleId());
        if (r == null) {
            return f;
        }
        String reason = f.reason();
        for (Optional<Text> t : List.of(r.question(), Optional.of(r.notApplicable()))) {
            reason = t.map(x -> swap(x, f.reason(), lang)).filter(s -> !s.equals(f.reason())).orElse(reason);
        }
        return new Finding(f.ruleId(), f.status(), f.severity(), swap(r.title(), f.title(), lang),
                swap(r.remediation(), f.remediation(), lang), reason, f.evidence(), f.tom(), f.references(), f.why());
    }

    private static String swap(Text rule, String stored, String lang) {
        if (stored.isEmpty() || !(stored.equals(rule.en()) || stored.equals(rule.de()))) {
            return stored;
        }
        return rule.in(lang);
    }
}
