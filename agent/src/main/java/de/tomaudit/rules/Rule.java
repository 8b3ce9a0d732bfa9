package de.tomaudit.rules;

import java.util.List;
import java.util.Optional;

/**
 * One rule from a YAML pack: immutable, evaluated statelessly against a target's facts.
 *
 * @param pack    the product it belongs to ({@code host}, {@code prosody}, …), the id's first part
 * @param optional facts that may be unknown: bound to null instead of making the finding n/a or error
 * @param passRequires facts without which the rule cannot pass (completeness of a probe): unknown,
 *                they are null for the condition; a failure on the data seen still fails, a pass
 *                becomes not-applicable or error with their reason
 * @param source  file and line the rule was loaded from
 * @param question for a manual rule ({@code manual: true}): the question the TOM document must
 *                answer by hand; such a rule has no condition and always gives status {@code manual}
 */
public record Rule(String id, String pack, Severity severity, Text title, Text remediation, TomTags tom,
                   List<String> refs, String assumes, Optional<Condition> when, Text notApplicable,
                   Condition condition, List<String> evidence, List<Grade> grades, List<String> optional,
                   List<String> passRequires, String source, Optional<Text> question) {

    public Rule {
        refs = List.copyOf(refs);
        evidence = List.copyOf(evidence);
        grades = List.copyOf(grades);
        optional = List.copyOf(optional);
        passRequires = List.copyOf(passRequires);
        question = question == null ? Optional.empty() : question;
    }

    /** An organisational measure no machine can judge: listed for the TOM document, never pass or fail. */
    public boolean manual() {
        return question.isPresent();
    }
}
